using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Designer.Flows;

namespace WorkflowKit.Designer.Tests.Support;

/// <summary>
/// A flow of a chosen size on the order form of the built-in templates: start, a parallel split into four chains of
/// approvals, the join and the end, laid out by <see cref="FlowLayout"/>.
/// </summary>
public static class LargeFlowDefinitions
{
    public const string FlowKey = "large-flow";

    private const int Chains = 4;

    public static FlowDefinition Flow(int nodeCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nodeCount, 4 + Chains);
        var flow = new FlowDefinition
        {
            Key = FlowKey,
            Name = new LocalizedText("大流程", "Large flow"),
            Form = "order",
        };
        flow.Nodes.Add(new NodeDefinition { Id = "start", Type = NodeTypes.Start, Name = new LocalizedText("提交", "Submit") });
        flow.Nodes.Add(new NodeDefinition { Id = "split", Type = NodeTypes.ParallelSplit });
        flow.Nodes.Add(new NodeDefinition { Id = "join", Type = NodeTypes.ParallelJoin });
        flow.Nodes.Add(new NodeDefinition { Id = "end", Type = NodeTypes.End });
        Connect(flow, "start", "split");
        Connect(flow, "join", "end");

        var approvals = nodeCount - 4;
        for (var chain = 1; chain <= Chains; chain++)
        {
            var length = (approvals / Chains) + (chain <= approvals % Chains ? 1 : 0);
            var previous = "split";
            for (var step = 1; step <= length; step++)
            {
                var id = $"approve-{chain}-{step}";
                flow.Nodes.Add(new NodeDefinition
                {
                    Id = id,
                    Type = NodeTypes.Approval,
                    Name = new LocalizedText($"审批 {chain}.{step}", $"Approval {chain}.{step}"),
                    Assignees = [new AssigneeRule { Type = AssigneeTypes.Role, Value = "sales-manager" }],
                });
                Connect(flow, previous, id);
                previous = id;
            }

            Connect(flow, previous, "join");
        }

        FlowLayout.Arrange(flow);
        return flow;
    }

    private static void Connect(FlowDefinition flow, string from, string to) =>
        flow.Edges.Add(new EdgeDefinition { Id = $"e-{from}-{to}", From = from, To = to });
}
