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
    /// offers them: an approval is approved or rejected, and a fill-in is submitted, or also rejected when its
    /// <c>actions</c> list offers "reject" or its <c>timeout</c> is "reject". Other node types set no outcome.
    /// </summary>
    public static IReadOnlyList<string> Decided(NodeDefinition node) => node.Type switch
    {
        NodeTypes.Approval => [Approved, Rejected],
        NodeTypes.FillIn when node.Actions?.Contains("reject") == true || node.Timeout == "reject" =>
            [Submitted, Rejected],
        NodeTypes.FillIn => [Submitted],
        _ => [],
    };

    /// <summary>
    /// Lists every outcome that a condition on a node of this type may read, whatever the node's own settings:
    /// approved or rejected for an approval, submitted or rejected for a fill-in, and <c>returned</c> for both. A node
    /// between a return's target and the task node reads <c>returned</c> while the request passes again.
    /// </summary>
    public static IReadOnlyList<string> Possible(NodeDefinition node) => node.Type switch
    {
        NodeTypes.Approval => [Approved, Rejected, Returned],
        NodeTypes.FillIn => [Submitted, Rejected, Returned],
        _ => [],
    };
}
