using System.Globalization;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Runtime.Graph;
using WorkflowKit.Runtime.Storage;

namespace WorkflowKit.Runtime.Migration;

/// <summary>
/// Checks whether a running instance can move to another version of its flow. A token or task keeps
/// its node id unless the mapping renames it, and the node must exist in the target with the same type.
/// A token waiting at a join also needs an incoming edge of the target join that its branch still enters it
/// on (<see cref="JoinArrivals"/>), because the join's firing rule counts tokens per incoming edge and per
/// split activation.
/// </summary>
internal static class MigrationPlanner
{
    public static MigrationPlan Plan(
        InstanceRecord instance,
        FlowGraph source,
        FlowGraph? target,
        int targetVersion,
        string? targetMissing,
        IReadOnlyList<TokenRecord> liveTokens,
        IReadOnlyList<TaskRecord> openTasks,
        IReadOnlyDictionary<string, string> mapping)
    {
        var problems = new List<MigrationProblem>();
        var id = instance.Id;
        if (InstanceStatuses.IsFinished(instance.Status))
        {
            problems.Add(new MigrationProblem(id, null, MigrationProblemCodes.InstanceNotRunning,
                $"Instance {id} is {instance.Status}; only running instances can move to another version.")
            {
                Arguments = Arguments(("status", instance.Status)),
            });
        }

        if (target is null)
        {
            problems.Add(new MigrationProblem(id, null, MigrationProblemCodes.TargetNotPublished,
                targetMissing ?? $"Flow '{instance.FlowKey}' has no published version {targetVersion}; publish it first.")
            {
                Arguments = Arguments(("targetVersion", targetVersion)),
            });
        }
        else if (target.Published.Key != instance.FlowKey)
        {
            problems.Add(new MigrationProblem(id, null, MigrationProblemCodes.OtherFlow,
                $"Version {targetVersion} belongs to flow '{target.Published.Key}', but instance {id} runs flow " +
                $"'{instance.FlowKey}'; pick a version of '{instance.FlowKey}'.")
            {
                Arguments = Arguments(("targetVersion", targetVersion), ("otherFlow", target.Published.Key)),
            });
            target = null;
        }
        else if (target.Published.Version == instance.FlowVersion)
        {
            problems.Add(new MigrationProblem(id, null, MigrationProblemCodes.SameVersion,
                $"Instance {id} already runs version {instance.FlowVersion}; pick another version.")
            {
                Arguments = Arguments(("targetVersion", targetVersion)),
            });
        }

        if (target is not null)
        {
            CheckMapping(id, source, target, mapping, problems);
        }

        var items = new List<MigrationItem>();
        var checkedNodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var token in liveTokens.OrderBy(token => token.Seq))
        {
            var node = source.Node(token.NodeId);
            var targetNode = TargetNodeId(token.NodeId, target, mapping);
            items.Add(new MigrationItem(
                MigrationItemKinds.Token, token.Id, token.NodeId, targetNode, node.Type, token.WaitKind ?? token.Status));
            if (target is not null && checkedNodes.Add(token.NodeId))
            {
                CheckNode(id, token.NodeId, source, target, mapping, problems);
            }

        }

        if (target is not null)
        {
            var arrivals = JoinArrivals.Map(instance, source, target, liveTokens, mapping, problems);
            for (var index = 0; index < items.Count; index++)
            {
                var token = liveTokens.First(token => token.Id == items[index].Id);
                if (token.WaitKind == WaitKinds.Join)
                {
                    items[index] = items[index] with
                    {
                        SourceEdgeId = token.EdgeId, TargetEdgeId = arrivals.GetValueOrDefault(token.Id),
                    };
                }
            }
        }

        foreach (var task in openTasks.OrderBy(task => task.Seq))
        {
            items.Add(new MigrationItem(
                MigrationItemKinds.Task, task.Id, task.NodeId, TargetNodeId(task.NodeId, target, mapping),
                source.Node(task.NodeId).Type, task.Assignee));
            if (target is not null && checkedNodes.Add(task.NodeId))
            {
                CheckNode(id, task.NodeId, source, target, mapping, problems);
            }
        }

        return new MigrationPlan(
            id, instance.FlowKey, instance.FlowVersion, targetVersion, instance.Version,
            new Dictionary<string, string>(mapping, StringComparer.Ordinal), items, problems);
    }

    /// <summary>Returns the mapped node id, else the same id, or null when the target version lacks that node.</summary>
    public static string? TargetNodeId(string sourceNodeId, FlowGraph? target, IReadOnlyDictionary<string, string> mapping)
    {
        var mapped = mapping.GetValueOrDefault(sourceNodeId) ?? sourceNodeId;
        return target is null || target.HasNode(mapped) ? mapped : null;
    }

    private static void CheckMapping(
        string instanceId, FlowGraph source, FlowGraph target, IReadOnlyDictionary<string, string> mapping,
        List<MigrationProblem> problems)
    {
        foreach (var (from, to) in mapping.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            var arguments = Arguments(("from", from), ("to", to));
            var joinEdge = !source.HasNode(from) && source.HasEdge(from)
                && source.Node(source.Edge(from).To).Type == NodeTypes.ParallelJoin;
            if (joinEdge)
            {
                CheckArrivalMapping(instanceId, source.Edge(from), to, target, mapping, problems);
            }
            else if (!source.HasNode(from))
            {
                problems.Add(new MigrationProblem(instanceId, from, MigrationProblemCodes.InvalidMapping,
                    $"Mapping {from}={to}: version {source.Published.Version} has no node '{from}'; " +
                    "map only node ids of the instance's current version, or incoming edges of its joins.")
                {
                    Arguments = arguments,
                });
            }
            else if (!target.HasNode(to))
            {
                problems.Add(new MigrationProblem(instanceId, from, MigrationProblemCodes.InvalidMapping,
                    $"Mapping {from}={to}: version {target.Published.Version} has no node '{to}'; " +
                    "map to a node id of the target version.")
                {
                    Arguments = arguments,
                });
            }
        }
    }

    /// <summary>
    /// Checks a mapping of an incoming edge of a join (<c>EDGE=TARGET_EDGE</c>): tokens that arrived on that edge
    /// count for the target edge, which has to enter the same (or the mapped) join in the target version.
    /// </summary>
    private static void CheckArrivalMapping(
        string instanceId, EdgeDefinition edge, string to, FlowGraph target, IReadOnlyDictionary<string, string> mapping,
        List<MigrationProblem> problems)
    {
        var join = mapping.GetValueOrDefault(edge.To) ?? edge.To;
        if (target.HasEdge(to) && target.Edge(to).To == join)
        {
            return;
        }

        var incoming = target.HasNode(join) ? string.Join(", ", target.Incoming(join).Select(into => into.Id)) : "none";
        problems.Add(new MigrationProblem(instanceId, edge.To, MigrationProblemCodes.InvalidMapping,
            $"Mapping {edge.Id}={to}: version {target.Published.Version} has no edge '{to}' into join '{join}'; " +
            $"map the arrival to one of its incoming edges ({incoming}).")
        {
            Arguments = Arguments(("from", edge.Id), ("to", to)),
        });
    }

    private static void CheckNode(
        string instanceId, string nodeId, FlowGraph source, FlowGraph target, IReadOnlyDictionary<string, string> mapping,
        List<MigrationProblem> problems)
    {
        var mapped = mapping.GetValueOrDefault(nodeId) ?? nodeId;
        if (!target.HasNode(mapped))
        {
            // An invalid mapping is reported once by CheckMapping.
            if (!mapping.ContainsKey(nodeId))
            {
                problems.Add(new MigrationProblem(instanceId, nodeId, MigrationProblemCodes.NodeMissing,
                    $"Node '{nodeId}' has a live token or open task of instance {instanceId}, but version " +
                    $"{target.Published.Version} has no node '{nodeId}'; map it to a node of that version " +
                    $"({nodeId}=NEW_ID).")
                {
                    Arguments = Arguments(("node", nodeId), ("targetVersion", target.Published.Version)),
                });
            }

            return;
        }

        var before = source.Node(nodeId).Type;
        var after = target.Node(mapped).Type;
        if (before != after)
        {
            problems.Add(new MigrationProblem(instanceId, nodeId, MigrationProblemCodes.NodeKindChanged,
                $"Node '{nodeId}' of instance {instanceId} is a {before} node, but '{mapped}' in version " +
                $"{target.Published.Version} is a {after} node; map it to a {before} node or let the instance " +
                "finish on its version.")
            {
                Arguments = Arguments(
                    ("node", nodeId), ("targetNode", mapped), ("kind", before), ("targetKind", after),
                    ("targetVersion", target.Published.Version)),
            });
        }
    }

    private static Dictionary<string, string> Arguments(params (string Name, object Value)[] arguments) =>
        arguments.ToDictionary(
            argument => argument.Name, argument => Convert.ToString(argument.Value, CultureInfo.InvariantCulture) ?? "",
            StringComparer.Ordinal);
}
