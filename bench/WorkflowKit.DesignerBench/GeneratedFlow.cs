using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Designer.Flows;

namespace WorkflowKit.DesignerBench;

/// <summary>
/// A flow of a chosen size for the designer to open: start, a parallel split into four chains of approvals, the join
/// and the end, laid out by the designer's own <see cref="FlowLayout"/>. It uses the order form of the built-in
/// templates.
/// </summary>
public static class GeneratedFlow
{
    public const string Key = "bench-large-flow";

    private const int Chains = 4;

    /// <param name="nodeCount">Nodes in the flow; at least 8, so that each chain has an approval.</param>
    public static FlowDefinition Create(int nodeCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nodeCount, 4 + Chains);
        var flow = new FlowDefinition
        {
            Key = Key,
            Name = new LocalizedText("大流程（基准）", "Large flow (benchmark)"),
            Form = "order",
        };
        flow.Nodes.Add(new NodeDefinition { Id = "start", Type = NodeTypes.Start, Name = new LocalizedText("提交", "Submit") });
        flow.Nodes.Add(new NodeDefinition { Id = "split", Type = NodeTypes.ParallelSplit });
        flow.Nodes.Add(new NodeDefinition { Id = "join", Type = NodeTypes.ParallelJoin });
        flow.Nodes.Add(new NodeDefinition { Id = "end", Type = NodeTypes.End });
        Connect(flow, "start", "split");
        Connect(flow, "join", "end");

        var approvals = nodeCount - 4;
        for (var chain = 0; chain < Chains; chain++)
        {
            // The first chains take one more approval each when the count does not divide evenly.
            var length = (approvals / Chains) + (chain < approvals % Chains ? 1 : 0);
            var previous = "split";
            for (var step = 0; step < length; step++)
            {
                var id = $"approve-{chain + 1}-{step + 1}";
                flow.Nodes.Add(Approval(id, chain + 1, step + 1));
                Connect(flow, previous, id);
                previous = id;
            }

            Connect(flow, previous, "join");
        }

        FlowLayout.Arrange(flow);
        return flow;
    }

    private static NodeDefinition Approval(string id, int chain, int step) => new()
    {
        Id = id,
        Type = NodeTypes.Approval,
        Name = new LocalizedText($"审批 {chain}.{step}", $"Approval {chain}.{step}"),
        Assignees = [new AssigneeRule { Type = AssigneeTypes.Role, Value = "sales-manager" }],
    };

    private static void Connect(FlowDefinition flow, string from, string to) =>
        flow.Edges.Add(new EdgeDefinition { Id = $"e-{from}-{to}", From = from, To = to });
}
