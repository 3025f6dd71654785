using WorkflowKit.Definitions.Diagnostics;
using WorkflowKit.Definitions.Documents;
using WorkflowKit.Definitions.Flows;

namespace WorkflowKit.Definitions.Validation;

/// <summary>
/// Checks the shape of a flow graph: ids, edge ends, one start, reachability both ways,
/// branching rules of condition nodes and parallel joins that can complete.
/// </summary>
internal static class FlowGraphChecker
{
    public static void Check(CheckContext context, FlowDefinition flow)
    {
        var graph = new FlowGraph(flow, IndexNodes(context, flow));
        IndexEdges(context, graph);

        var starts = flow.Nodes.Where(node => node.Type == NodeTypes.Start).ToList();
        if (starts.Count != 1)
        {
            context.Error(
                DiagnosticCodes.StartNodeCount, "/nodes",
                $"A flow needs exactly one node of type \"start\"; this one has {starts.Count}" +
                (starts.Count > 1 ? $" ({string.Join(", ", starts.Select(node => node.Id))})" : string.Empty) +
                ". Keep one start node and connect the rest after it.",
                ("count", starts.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("nodes", string.Join(",", starts.Select(node => node.Id))));
        }

        if (!flow.Nodes.Any(node => node.Type == NodeTypes.End))
        {
            context.Error(
                DiagnosticCodes.NoEndNode, "/nodes",
                "The flow has no node of type \"end\", so no instance can finish. Add an end node.");
        }

        var reachable = starts.Count == 0
            ? new HashSet<string>(StringComparer.Ordinal)
            : Walk([starts[0].Id], id => graph.Outgoing[id].Select(e => flow.Edges[e].To));
        // Nodes that only the withdrawal or cancellation path runs are not cut off, even when no edge leads to them from the start.
        var reached = new HashSet<string>(reachable, StringComparer.Ordinal);
        reached.UnionWith(WithdrawalPathChecker.Check(context, graph));
        FlowReachabilityChecker.Check(context, graph, starts.Count == 0 ? null : starts[0].Id, reached);

        CheckBranching(context, flow, graph.Nodes, graph.Outgoing);
        if (starts.Count == 1)
        {
            CheckJoins(context, flow, graph.Nodes, starts[0].Id, reachable, graph.Outgoing, graph.Incoming);
        }
    }

    private static Dictionary<string, int> IndexNodes(CheckContext context, FlowDefinition flow)
    {
        var nodes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < flow.Nodes.Count; i++)
        {
            var id = flow.Nodes[i].Id;
            if (!nodes.TryAdd(id, i))
            {
                context.Error(
                    DiagnosticCodes.DuplicateNodeId, JsonPointers.Of("nodes", i, "id"),
                    $"Node id \"{id}\" is already used by /nodes/{nodes[id]}; edges could not tell them apart. " +
                    "Rename one of the nodes.",
                    ("node", id));
            }
        }

        return nodes;
    }

    private static void IndexEdges(CheckContext context, FlowGraph graph)
    {
        var flow = graph.Flow;
        var edgeIds = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < flow.Edges.Count; i++)
        {
            var edge = flow.Edges[i];
            if (!edgeIds.TryAdd(edge.Id, i))
            {
                context.Error(
                    DiagnosticCodes.DuplicateEdgeId, JsonPointers.Of("edges", i, "id"),
                    $"Edge id \"{edge.Id}\" is already used by /edges/{edgeIds[edge.Id]}. Rename one of the edges.",
                    ("edge", edge.Id));
            }

            var known = true;
            foreach (var (end, target, other) in new[] { ("from", edge.From, edge.To), ("to", edge.To, edge.From) })
            {
                if (!graph.Nodes.ContainsKey(target))
                {
                    known = false;
                    var pointer = JsonPointers.Of("edges", i, end);
                    context.Error(
                        DiagnosticCodes.EdgeToMissingNode, pointer,
                        $"Edge \"{edge.Id}\" {(end == "from" ? "starts at" : "leads to")} node \"{target}\", which " +
                        "does not exist. Use the id of an existing node.",
                        ("edge", edge.Id), ("end", end), ("node", target));
                    var broken = end == "from" ? graph.BrokenIncoming : graph.BrokenOutgoing;
                    broken.TryAdd(other, new DiagnosticCause(DiagnosticCodes.EdgeToMissingNode, pointer));
                }
            }

            if (!known)
            {
                continue;
            }

            if (graph.TypeOf(edge.From) == NodeTypes.End || graph.TypeOf(edge.To) == NodeTypes.Start)
            {
                var pointer = JsonPointers.Of("edges", i);
                context.Error(
                    DiagnosticCodes.EdgeDirection, pointer,
                    $"Edge \"{edge.Id}\" goes from \"{edge.From}\" to \"{edge.To}\"; edges may not leave an end node " +
                    "or enter the start node. Reverse or remove it.",
                    ("edge", edge.Id), ("from", edge.From), ("to", edge.To));
                var cause = new DiagnosticCause(DiagnosticCodes.EdgeDirection, pointer);
                graph.BrokenOutgoing.TryAdd(edge.From, cause);
                graph.BrokenIncoming.TryAdd(edge.To, cause);
                continue;
            }

            graph.Outgoing[edge.From].Add(i);
            graph.Incoming[edge.To].Add(i);
        }
    }

    internal static HashSet<string> Walk(IEnumerable<string> from, Func<string, IEnumerable<string>> next)
    {
        var seen = new HashSet<string>(from, StringComparer.Ordinal);
        var queue = new Queue<string>(seen);
        while (queue.TryDequeue(out var id))
        {
            foreach (var target in next(id))
            {
                if (seen.Add(target))
                {
                    queue.Enqueue(target);
                }
            }
        }

        return seen;
    }

    private static void CheckBranching(
        CheckContext context, FlowDefinition flow, Dictionary<string, int> nodes, Dictionary<string,
            List<int>> outgoing)
    {
        foreach (var (id, index) in nodes)
        {
            var node = flow.Nodes[index];
            var edges = outgoing[id];
            var pointer = JsonPointers.Of("nodes", index);
            switch (node.Type)
            {
                case NodeTypes.Condition:
                    CheckConditionBranches(context, flow, id, pointer, edges);
                    break;
                case NodeTypes.ParallelSplit when edges.Count < 2:
                    context.Warning(
                        DiagnosticCodes.SplitWithOneBranch, pointer,
                        $"Parallel split \"{id}\" has {edges.Count} outgoing edge(s); a split needs two or more " +
                        "branches to run anything in parallel.",
                        ("node", id));
                    break;
                case NodeTypes.Approval or NodeTypes.FillIn when edges.Count > 1:
                    CheckTaskBranches(context, flow, node, pointer, edges);
                    break;
                case NodeTypes.ParallelSplit or NodeTypes.End:
                    break;
                default:
                    if (edges.Count > 1)
                    {
                        context.Error(
                            DiagnosticCodes.AmbiguousOutgoing, pointer,
                            $"Node \"{id}\" ({node.Type}) has {edges.Count} outgoing edges " +
                            $"({string.Join(", ", edges.Select(e => flow.Edges[e].Id))}); only condition, " +
                            "parallelSplit, approval and fillIn nodes branch. Insert a condition or parallelSplit node.",
                            ("node", id), ("count", edges.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                    }

                    break;
            }
        }
    }

    /// <summary>
    /// Checks the outgoing edges of an approval or fill-in node with more than one: they are evaluated when the task
    /// completes, like a condition node's branches, so each needs a condition except exactly one default edge.
    /// </summary>
    private static void CheckTaskBranches(
        CheckContext context, FlowDefinition flow, NodeDefinition node, string pointer, List<int> edges)
    {
        var names = string.Join(", ", edges.Select(e => flow.Edges[e].Id));
        var defaults = edges.Where(e => flow.Edges[e].IsDefault).ToList();
        if (defaults.Count == 0)
        {
            context.Error(
                DiagnosticCodes.ConditionWithoutDefault, pointer,
                $"{node.Type} node \"{node.Id}\" has {edges.Count} outgoing edges ({names}) and none is the default, " +
                "so a completed task that meets no condition would stop the instance. Mark the edge for the usual " +
                "outcome with \"default\": true; it is taken when the task completes and no other edge's condition " +
                "holds.",
                ("node", node.Id));
        }

        foreach (var extra in defaults.Skip(1))
        {
            context.Error(
                DiagnosticCodes.SeveralDefaults, JsonPointers.Of("edges", extra, "default"),
                $"{node.Type} node \"{node.Id}\" already has default edge \"{flow.Edges[defaults[0]].Id}\"; edge " +
                $"\"{flow.Edges[extra].Id}\" is a second one. Keep one default and give the other a condition.",
                ("node", node.Id), ("edge", flow.Edges[extra].Id));
        }

        var priorities = new Dictionary<int, string>();
        foreach (var e in edges)
        {
            var edge = flow.Edges[e];
            if (!edge.IsDefault && edge.Condition is null)
            {
                context.Error(
                    DiagnosticCodes.BranchWithoutCondition, JsonPointers.Of("edges", e),
                    $"Edge \"{edge.Id}\" leaves {node.Type} node \"{node.Id}\" without a condition and is not the " +
                    $"default. Add a condition over the task's outcome or the form, such as " +
                    $"nodes.{node.Id}.outcome === 'rejected', or mark it \"default\": true.",
                    ("node", node.Id), ("edge", edge.Id));
            }

            if (!edge.IsDefault && edge.Priority is { } priority && !priorities.TryAdd(priority, edge.Id))
            {
                context.Warning(
                    DiagnosticCodes.DuplicatePriority, JsonPointers.Of("edges", e, "priority"),
                    $"Edges \"{priorities[priority]}\" and \"{edge.Id}\" of {node.Type} node \"{node.Id}\" share " +
                    $"priority {priority}; the one listed first is tried first. Give them distinct priorities.");
            }
        }
    }

    private static void CheckConditionBranches(
        CheckContext context, FlowDefinition flow, string id, string pointer, List<int> edges)
    {
        var defaults = edges.Where(e => flow.Edges[e].IsDefault).ToList();
        if (defaults.Count == 0)
        {
            context.Error(
                DiagnosticCodes.ConditionWithoutDefault, pointer,
                $"Condition node \"{id}\" has no default branch, so an instance where no condition holds would " +
                "stop. Mark one outgoing edge with \"default\": true.",
                ("node", id));
        }

        foreach (var extra in defaults.Skip(1))
        {
            context.Error(
                DiagnosticCodes.SeveralDefaults, JsonPointers.Of("edges", extra, "default"),
                $"Condition node \"{id}\" already has default branch \"{flow.Edges[defaults[0]].Id}\"; edge " +
                $"\"{flow.Edges[extra].Id}\" is a second one. Keep one default.",
                ("node", id), ("edge", flow.Edges[extra].Id));
        }

        var priorities = new Dictionary<int, string>();
        foreach (var e in edges)
        {
            var edge = flow.Edges[e];
            if (!edge.IsDefault && edge.Condition is null)
            {
                context.Error(
                    DiagnosticCodes.BranchWithoutCondition, JsonPointers.Of("edges", e),
                    $"Edge \"{edge.Id}\" leaves condition node \"{id}\" without a condition and is not the default. " +
                    "Add a condition or mark it \"default\": true.",
                    ("node", id), ("edge", edge.Id));
            }

            if (!edge.IsDefault && edge.Priority is { } priority && !priorities.TryAdd(priority, edge.Id))
            {
                context.Warning(
                    DiagnosticCodes.DuplicatePriority, JsonPointers.Of("edges", e, "priority"),
                    $"Edges \"{priorities[priority]}\" and \"{edge.Id}\" of condition node \"{id}\" share priority " +
                    $"{priority}; the one listed first is tried first. Give them distinct priorities.");
            }
        }
    }

    private static void CheckJoins(
        CheckContext context, FlowDefinition flow, Dictionary<string, int> nodes, string start,
        HashSet<string> reachable, Dictionary<string, List<int>> outgoing, Dictionary<string, List<int>> incoming)
    {
        var joins = nodes.Where(pair => flow.Nodes[pair.Value].Type == NodeTypes.ParallelJoin
            && reachable.Contains(pair.Key))
            .ToList();
        if (joins.Count == 0)
        {
            return;
        }

        var dominators = Dominators(start, reachable, id => incoming[id].Select(e => flow.Edges[e].From));
        foreach (var (id, index) in joins)
        {
            // The matching split dominates the sources of the join's incoming edges; when no split
            // dominates all of them, the one covering the most is taken and the others are reported.
            var sources = incoming[id].Where(e => reachable.Contains(flow.Edges[e].From)).ToList();
            var split = dominators[id].Concat(sources.SelectMany(e => dominators[flow.Edges[e].From]))
                .Distinct(StringComparer.Ordinal)
                .Where(candidate => flow.Nodes[nodes[candidate]].Type == NodeTypes.ParallelSplit)
                .OrderByDescending(candidate => sources.Count(e => dominators[flow.Edges[e].From].Contains(candidate)))
                .ThenByDescending(candidate => dominators[candidate].Count)
                .FirstOrDefault();
            if (split is null)
            {
                context.Error(
                    DiagnosticCodes.JoinCannotComplete, JsonPointers.Of("nodes", index),
                    $"Parallel join \"{id}\" has no parallelSplit before it, so its tokens belong to no split " +
                    "activation and it could never fire. Add the matching parallelSplit or remove the join.");
                continue;
            }

            foreach (var e in sources.Where(e => !dominators[flow.Edges[e].From].Contains(split)))
            {
                context.Error(
                    DiagnosticCodes.JoinCannotComplete, JsonPointers.Of("edges", e),
                    $"Edge \"{flow.Edges[e].Id}\" into parallel join \"{id}\" can be reached without passing " +
                    $"its split \"{split}\", so a token on it belongs to no activation of that split and the " +
                    "join would wait for it forever. Route the branch through the split or end it elsewhere.");
            }
        }
    }

    /// <summary>Dominator sets by the iterative data-flow algorithm; the graphs here are small.</summary>
    private static Dictionary<string, HashSet<string>> Dominators(
        string start, HashSet<string> reachable, Func<string, IEnumerable<string>> predecessors)
    {
        var dominators = reachable.ToDictionary(
            id => id,
            id => id == start
                ? new HashSet<string>(StringComparer.Ordinal) { start }
                : new HashSet<string>(reachable, StringComparer.Ordinal),
            StringComparer.Ordinal);
        var changed = true;
        while (changed)
        {
            changed = false;
            foreach (var id in reachable.Where(id => id != start))
            {
                HashSet<string>? meet = null;
                foreach (var predecessor in predecessors(id).Where(reachable.Contains))
                {
                    if (meet is null)
                    {
                        meet = new HashSet<string>(dominators[predecessor], StringComparer.Ordinal);
                    }
                    else
                    {
                        meet.IntersectWith(dominators[predecessor]);
                    }
                }

                meet ??= new HashSet<string>(StringComparer.Ordinal);
                meet.Add(id);
                if (!meet.SetEquals(dominators[id]))
                {
                    dominators[id] = meet;
                    changed = true;
                }
            }
        }

        return dominators;
    }
}
