using WorkflowKit.Definitions.Diagnostics;
using WorkflowKit.Definitions.Documents;
using WorkflowKit.Definitions.Flows;

namespace WorkflowKit.Definitions.Validation;

/// <summary>
/// Warns (WK1348) about an edge condition that tests whether an approval node's outcome is <c>rejected</c> when that
/// node has no outgoing edge with a condition. A rejection there ends the instance, so no later node ever sees the
/// outcome <c>rejected</c> and the branch never runs.
/// </summary>
internal static class RejectedOutcomeChecker
{
    private const string Rejected = "rejected";

    public static void Check(CheckContext context, FlowDefinition flow)
    {
        var ending = EndingApprovals(flow);
        if (ending.Count == 0)
        {
            return;
        }

        for (var e = 0; e < flow.Edges.Count; e++)
        {
            if (flow.Edges[e].Condition is not { } condition)
            {
                continue;
            }

            var pointer = JsonPointers.Of("edges", e, "condition");
            foreach (var (nodeId, value, negated, at) in OutcomeValueChecker.Comparisons(condition, pointer))
            {
                if (!negated && value == Rejected && ending.Contains(nodeId))
                {
                    context.Warning(
                        DiagnosticCodes.RejectedOutcomeNeverSeen, at,
                        $"Edge \"{flow.Edges[e].Id}\" tests whether approval node \"{nodeId}\" was rejected, but a " +
                        $"rejection at \"{nodeId}\" ends the instance because none of its outgoing edges has a " +
                        "condition, so this test is never true. To branch on a rejection, give the approval node an " +
                        $"outgoing edge with the condition nodes.{nodeId}.outcome === 'rejected' and keep the usual " +
                        "edge as its default.",
                        ("node", nodeId), ("edge", flow.Edges[e].Id));
                }
            }
        }
    }

    /// <summary>Approval nodes where a rejection always ends the instance: none of their outgoing edges has a condition.</summary>
    private static HashSet<string> EndingApprovals(FlowDefinition flow)
    {
        var branching = flow.Edges.Where(edge => edge.Condition is not null).Select(edge => edge.From)
            .ToHashSet(StringComparer.Ordinal);
        return flow.Nodes.Where(node => node.Type == NodeTypes.Approval && !branching.Contains(node.Id))
            .Select(node => node.Id).ToHashSet(StringComparer.Ordinal);
    }
}
