using WorkflowKit.Definitions.Diagnostics;
using WorkflowKit.Definitions.Documents;
using WorkflowKit.Definitions.Flows;

namespace WorkflowKit.Definitions.Validation;

/// <summary>
/// Warns (WK1343) about a sub-flow node whose flow starts the validated flow again, directly or through sub-flow nodes
/// of other flows in the set. Each round nests one sub-flow deeper until the engine's nesting limit faults the
/// deepest instance. A warning and not an error, because a condition before the node may end the repetition in time.
/// </summary>
internal static class SubFlowCycleChecker
{
    public static void Check(CheckContext context, FlowDefinition flow, DefinitionSet set)
    {
        for (var i = 0; i < flow.Nodes.Count; i++)
        {
            var node = flow.Nodes[i];
            if (node.Type != NodeTypes.SubFlow || string.IsNullOrEmpty(node.Flow))
            {
                continue;
            }

            if (PathBack(flow, node.Flow, set) is not { } path)
            {
                continue;
            }

            var cycle = string.Join(" → ", path.Prepend(flow.Key));
            var route = path.Count == 1 ? "which is this flow itself" : "whose sub-flows lead back to this flow";
            context.Warning(
                DiagnosticCodes.SubFlowCycle, JsonPointers.Of("nodes", i, "flow"),
                $"Sub-flow node \"{node.Id}\" starts flow \"{node.Flow}\", {route}: {cycle}. Each start nests one " +
                "sub-flow deeper until the engine's nesting limit stops the instance with an incident. Start the " +
                "sub-flow only behind a condition that ends the repetition, or start another flow.",
                ("node", node.Id), ("flow", node.Flow), ("cycle", cycle));
        }
    }

    /// <summary>
    /// Returns the flow keys from <paramref name="start"/> to the first start of <paramref name="flow"/> again, both
    /// ends included, or null when no chain of sub-flow nodes leads back. The search is breadth first, so the path is
    /// a shortest one. A flow missing from the set ends its branch of the search.
    /// </summary>
    private static List<string>? PathBack(FlowDefinition flow, string start, DefinitionSet set)
    {
        var previous = new Dictionary<string, string?>(StringComparer.Ordinal) { [start] = null };
        var queue = new Queue<string>([start]);
        while (queue.Count > 0)
        {
            var key = queue.Dequeue();
            if (key == flow.Key)
            {
                return Unwind(previous, key);
            }

            foreach (var child in SubFlowKeys(set.FindFlow(key)))
            {
                if (previous.TryAdd(child, key))
                {
                    queue.Enqueue(child);
                }
            }
        }

        return null;
    }

    private static IEnumerable<string> SubFlowKeys(FlowDefinition? flow) =>
        flow?.Nodes.Where(node => node.Type == NodeTypes.SubFlow && !string.IsNullOrEmpty(node.Flow))
            .Select(node => node.Flow!)
            .Distinct(StringComparer.Ordinal) ?? [];

    private static List<string> Unwind(Dictionary<string, string?> previous, string last)
    {
        var path = new List<string>();
        for (string? key = last; key is not null; key = previous[key])
        {
            path.Add(key);
        }

        path.Reverse();
        return path;
    }
}
