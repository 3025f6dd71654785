using WorkflowKit.Definitions.Diagnostics;
using WorkflowKit.Definitions.Documents;
using WorkflowKit.Definitions.Flows;

namespace WorkflowKit.Definitions.Validation;

/// <summary>
/// Reports nodes that cannot be reached from the start (WK1307) and nodes with no path to an end (WK1308), and
/// links each to the diagnostic it follows from. One broken edge often cuts off a whole part of the flow. Its WK1304
/// is then the cause and the nodes behind it are its consequences, so the reader sees the one thing to fix first.
/// </summary>
internal static class FlowReachabilityChecker
{
    public static void Check(CheckContext context, FlowGraph graph, string? start, HashSet<string> reachable)
    {
        var flow = graph.Flow;
        var unreachable = start is null
            ? new HashSet<string>(StringComparer.Ordinal)
            : graph.Nodes.Keys.Where(id => !reachable.Contains(id)).ToHashSet(StringComparer.Ordinal);
        var ends = flow.Nodes.Where(node => node.Type == NodeTypes.End).Select(node => node.Id);
        var finishing = FlowGraphChecker.Walk(ends, id => graph.Incoming[id].Select(e => flow.Edges[e].From));
        var unfinished = graph.Nodes.Keys.Where(id => !unreachable.Contains(id) && !finishing.Contains(id))
            .ToHashSet(StringComparer.Ordinal);
        var unreachableCauses = UnreachableCauses(graph, unreachable, reachable);
        var unfinishedCauses = UnfinishedCauses(graph, unfinished);

        foreach (var (id, index) in graph.Nodes)
        {
            var pointer = JsonPointers.Of("nodes", index);
            if (unreachable.Contains(id))
            {
                context.ErrorFollowing(
                    unreachableCauses.GetValueOrDefault(id), DiagnosticCodes.UnreachableNode, pointer,
                    $"Node \"{id}\" cannot be reached from the start node, so it never runs. Connect an edge to it " +
                    "or remove it.",
                    ("node", id));
            }
            else if (unfinished.Contains(id))
            {
                context.ErrorFollowing(
                    unfinishedCauses.GetValueOrDefault(id), DiagnosticCodes.NoPathToEnd, pointer,
                    $"No path leads from node \"{id}\" to an end node, so instances reaching it never finish. " +
                    "Add an edge towards an end node.",
                    ("node", id));
            }
        }
    }

    /// <summary>
    /// Links unreachable nodes to a cause. An entry is an unreachable node that no usable edge enters. It follows
    /// from the broken edge that would have entered it, or from the start node count when it is a second start.
    /// Otherwise, when the flow has exactly one entry and exactly one edge from a reachable node to a missing node,
    /// the entry follows from that edge. The nodes behind an entry follow from the entry's cause, or from the entry
    /// itself. Nodes of a cycle that no entry leads to have no cause.
    /// </summary>
    private static Dictionary<string, DiagnosticCause> UnreachableCauses(
        FlowGraph graph, HashSet<string> unreachable, HashSet<string> reachable)
    {
        var causes = new Dictionary<string, DiagnosticCause>(StringComparer.Ordinal);
        var entries = unreachable.Where(id => graph.Incoming[id].Count == 0)
            .OrderBy(id => graph.Nodes[id]).ToList();
        var cuts = graph.BrokenOutgoing.Where(pair => reachable.Contains(pair.Key))
            .Select(pair => pair.Value).Distinct().ToList();
        foreach (var entry in entries)
        {
            var cause = graph.BrokenIncoming.GetValueOrDefault(entry)
                ?? (graph.TypeOf(entry) == NodeTypes.Start
                    ? new DiagnosticCause(DiagnosticCodes.StartNodeCount, "/nodes")
                    : null)
                ?? (entries.Count == 1 && cuts.Count == 1 ? cuts[0] : null);
            if (cause is not null)
            {
                causes[entry] = cause;
            }

            var root = cause ?? new DiagnosticCause(
                DiagnosticCodes.UnreachableNode, JsonPointers.Of("nodes", graph.Nodes[entry]));
            var behind = FlowGraphChecker.Walk(
                [entry], id => graph.Outgoing[id].Select(e => graph.Flow.Edges[e].To).Where(unreachable.Contains));
            foreach (var id in behind.Where(id => id != entry && !entries.Contains(id)))
            {
                causes.TryAdd(id, root);
            }
        }

        return causes;
    }

    /// <summary>
    /// Links nodes with no path to an end to a cause. When the flow has no end node, all of them follow from that.
    /// Otherwise a dead end, a node with no usable outgoing edge, follows from the broken edge that would have left
    /// it. The nodes before a dead end follow from the dead end's cause, or from the dead end itself.
    /// </summary>
    private static Dictionary<string, DiagnosticCause> UnfinishedCauses(FlowGraph graph, HashSet<string> unfinished)
    {
        var causes = new Dictionary<string, DiagnosticCause>(StringComparer.Ordinal);
        if (!graph.Flow.Nodes.Any(node => node.Type == NodeTypes.End))
        {
            var noEnd = new DiagnosticCause(DiagnosticCodes.NoEndNode, "/nodes");
            return unfinished.ToDictionary(id => id, _ => noEnd, StringComparer.Ordinal);
        }

        var deadEnds = unfinished.Where(id => graph.Outgoing[id].Count == 0)
            .OrderBy(id => graph.Nodes[id]).ToList();
        foreach (var deadEnd in deadEnds)
        {
            var cause = graph.BrokenOutgoing.GetValueOrDefault(deadEnd);
            if (cause is not null)
            {
                causes[deadEnd] = cause;
            }

            var root = cause ?? new DiagnosticCause(
                DiagnosticCodes.NoPathToEnd, JsonPointers.Of("nodes", graph.Nodes[deadEnd]));
            var before = FlowGraphChecker.Walk(
                [deadEnd], id => graph.Incoming[id].Select(e => graph.Flow.Edges[e].From).Where(unfinished.Contains));
            foreach (var id in before.Where(id => id != deadEnd && !deadEnds.Contains(id)))
            {
                causes.TryAdd(id, root);
            }
        }

        return causes;
    }
}
