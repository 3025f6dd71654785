namespace WorkflowKit.Definitions.Flows;

/// <summary>
/// The values the engine stores in <c>nodes.ID.outcome</c> when a fill-in or approval node is decided or returned.
/// </summary>
public static class NodeOutcomes
{
    public const string Approved = "approved";
    public const string Rejected = "rejected";
    public const string Submitted = "submitted";
    public const string Returned = "returned";

    /// <summary>
    /// Lists the outcomes with which a completed task round leaves the node through its edges, in the order a picker
    /// offers them: an approval is approved or rejected, a fill-in is submitted, or rejected when its
    /// <c>actions</c> list offers "reject". Other node types set no outcome, so the list is empty.
    /// </summary>
    public static IReadOnlyList<string> Decided(NodeDefinition node) => node.Type switch
    {
        NodeTypes.Approval => [Approved, Rejected],
        NodeTypes.FillIn when node.Actions?.Contains("reject") == true => [Submitted, Rejected],
        NodeTypes.FillIn => [Submitted],
        _ => [],
    };

    /// <summary>
    /// Lists every outcome a condition may meet: the decided ones and, for a task node, <c>returned</c>, which a
    /// node between the return's target and the task node sees while the request passes again.
    /// </summary>
    public static IReadOnlyList<string> Possible(NodeDefinition node) =>
        NodeTypes.Human.Contains(node.Type) ? [.. Decided(node), Returned] : [];
}
