using System.Globalization;
using System.Text.Json.Nodes;
using WorkflowKit.Runtime.Graph;
using WorkflowKit.Runtime.Storage;

namespace WorkflowKit.Runtime.Migration;

/// <summary>
/// Maps the tokens that wait at a parallel join to the incoming edges they count for in the target version.
/// A join fires when each incoming edge has a waiting token or can no longer receive one, so each arrival has to
/// count for the edge on which its branch now enters the join. Edges without an arrival are awaited under the target
/// version's rule, so a step added before the join on a branch that has not arrived yet runs, and one added on a
/// branch that has arrived (or was skipped by a condition) does not.
/// </summary>
internal static class JoinArrivals
{
    /// <summary>
    /// Returns, per waiting token id, the incoming edge of the target join its arrival counts for, or null where
    /// it cannot be mapped. Adds a problem for each token that cannot be mapped. Tokens at joins that the target
    /// version lacks or that changed type are left out, because the node checks report those.
    /// </summary>
    public static Dictionary<string, string?> Map(
        InstanceRecord instance, FlowGraph source, FlowGraph target, IReadOnlyList<TokenRecord> liveTokens,
        IReadOnlyDictionary<string, string> mapping, List<MigrationProblem> problems)
    {
        var mapped = new Dictionary<string, string?>(StringComparer.Ordinal);
        var activations = instance.State["activations"] as JsonObject;
        var waiting = liveTokens
            .Where(token => token.WaitKind == WaitKinds.Join)
            .Where(token => MapNode(token.NodeId, mapping) is var join && target.HasNode(join)
                            && target.Node(join).Type == source.Node(token.NodeId).Type)
            .OrderBy(token => token.Seq)
            .ToList();
        foreach (var token in waiting)
        {
            var context = new ArrivalContext(instance, source, target, mapping, token);
            var splitChanged = JoinGroups.Of(
                token.Scope, target.Join(context.TargetJoin),
                activation => activations?[activation]?["split"]?.GetValue<string>() is { } split
                    ? MapNode(split, mapping)
                    : null) != token.WaitRef;
            if (splitChanged)
            {
                Add(problems, context.Problem(
                    MigrationProblemCodes.JoinChanged,
                    $"Join '{token.NodeId}' of instance {instance.Id} has a waiting token, but in version " +
                    $"{target.Published.Version} the join closes other parallel splits, so the token would belong " +
                    $"to another split activation; let the instance finish on version {instance.FlowVersion}.",
                    []));
                mapped[token.Id] = null;
                continue;
            }

            mapped[token.Id] = MapArrival(context, problems);
        }

        CheckMerged(instance, source, target, mapping, waiting, mapped, problems);
        return mapped;
    }

    private static string? MapArrival(ArrivalContext context, List<MigrationProblem> problems)
    {
        var token = context.Token;
        var target = context.Target;
        if (token.EdgeId is not { } edgeId || !context.Source.HasEdge(edgeId))
        {
            Add(problems, context.Problem(
                MigrationProblemCodes.JoinBranchRemoved,
                $"Join '{token.NodeId}' of instance {context.Instance.Id} has a waiting token with no incoming edge of " +
                $"version {context.Instance.FlowVersion}; let the instance finish on that version.",
                [("node", string.Empty), ("nodeMissing", "false"), ("edge", token.EdgeId ?? string.Empty)]));
            return null;
        }

        var from = MapNode(context.Source.Edge(edgeId).From, context.Mapping);
        var candidates = Candidates(context, edgeId, from);
        if (candidates.Count == 1)
        {
            return candidates[0];
        }

        var fromMissing = !target.HasNode(from);
        var version = target.Published.Version;
        var arrival = $"Join '{token.NodeId}' of instance {context.Instance.Id} has a waiting token that arrived from node " +
                      $"'{from}' on edge '{edgeId}'";
        var finish = $"let the instance finish on version {context.Instance.FlowVersion}";
        if (candidates.Count == 0)
        {
            var cause = fromMissing
                ? $"version {version} has no node '{from}'"
                : $"in version {version} node '{from}' no longer leads into '{context.TargetJoin}'";
            var renamed = fromMissing ? $"map the node if it was renamed ({from}=NEW_ID), " : string.Empty;
            Add(problems, context.Problem(
                MigrationProblemCodes.JoinBranchRemoved,
                $"{arrival}, but {cause}, so the join cannot count that arrival. To migrate, {renamed}map the " +
                $"arrival to an incoming edge of '{context.TargetJoin}' ({edgeId}=EDGE_ID), or {finish}.",
                [("node", from), ("nodeMissing", fromMissing ? "true" : "false"), ("edge", edgeId)]));
            return null;
        }

        var edges = string.Join(", ", candidates);
        Add(problems, context.Problem(
            MigrationProblemCodes.JoinBranchAmbiguous,
            $"{arrival}, but in version {version} node '{from}' leads into '{context.TargetJoin}' on several edges " +
            $"({edges}). To migrate, map the arrival to one of them ({edgeId}=EDGE_ID), or {finish}.",
            [("node", from), ("edge", edgeId), ("edges", edges)]));
        return null;
    }

    /// <summary>
    /// Returns the incoming edges of the target join that the branch of an arrival on <paramref name="edgeId"/>
    /// from <paramref name="from"/> can enter it on: the edge named by an explicit mapping; else the same edge when
    /// it still starts at that node (followed through any step inserted after it); else the same edge when the
    /// node still reaches it (a step inserted before the join took over the edge); else every incoming edge
    /// that the node reaches.
    /// </summary>
    private static List<string> Candidates(ArrivalContext context, string edgeId, string from)
    {
        var target = context.Target;
        var join = context.TargetJoin;
        var feeders = target.Join(join).Feeders;
        List<string> FedBy(string node) =>
            [.. target.Incoming(join).Where(edge => feeders[edge.Id].Contains(node)).Select(edge => edge.Id)];

        if (!context.Source.HasNode(edgeId) && context.Mapping.TryGetValue(edgeId, out var chosen))
        {
            // An invalid edge mapping is reported once by the planner's mapping check.
            return target.HasEdge(chosen) && target.Edge(chosen).To == join ? [chosen] : [];
        }

        if (target.HasEdge(edgeId) && target.Edge(edgeId) is var same && same.From == from)
        {
            return same.To == join ? [edgeId] : FedBy(same.To);
        }

        if (target.HasEdge(edgeId) && target.Edge(edgeId).To == join && feeders[edgeId].Contains(from))
        {
            return [edgeId];
        }

        return target.HasNode(from) ? FedBy(from) : [];
    }

    /// <summary>
    /// Adds a problem where arrivals on two different edges would count for one edge of the target join.
    /// </summary>
    private static void CheckMerged(
        InstanceRecord instance, FlowGraph source, FlowGraph target, IReadOnlyDictionary<string, string> mapping,
        List<TokenRecord> waiting, Dictionary<string, string?> mapped, List<MigrationProblem> problems)
    {
        foreach (var group in waiting.GroupBy(token => (token.NodeId, token.WaitRef)))
        {
            var firstByTarget = new Dictionary<string, TokenRecord>(StringComparer.Ordinal);
            foreach (var token in group)
            {
                if (mapped[token.Id] is not { } targetEdge)
                {
                    continue;
                }

                if (!firstByTarget.TryAdd(targetEdge, token) && firstByTarget[targetEdge].EdgeId is var other
                    && other != token.EdgeId)
                {
                    var context = new ArrivalContext(instance, source, target, mapping, token);
                    Add(problems, context.Problem(
                        MigrationProblemCodes.JoinBranchesMerged,
                        $"Join '{token.NodeId}' of instance {instance.Id} has waiting tokens that arrived on edges " +
                        $"'{other}' and '{token.EdgeId}', which both enter '{context.TargetJoin}' on edge " +
                        $"'{targetEdge}' in version {target.Published.Version}, so the join would count one branch " +
                        $"twice. To migrate, map one arrival to another incoming edge ({token.EdgeId}=EDGE_ID), or " +
                        $"let the instance finish on version {instance.FlowVersion}.",
                        [("edge", other ?? string.Empty), ("otherEdge", token.EdgeId ?? string.Empty),
                         ("targetEdge", targetEdge)]));
                    mapped[token.Id] = null;
                }
            }
        }
    }

    private static string MapNode(string nodeId, IReadOnlyDictionary<string, string> mapping) =>
        mapping.GetValueOrDefault(nodeId) ?? nodeId;

    private static void Add(List<MigrationProblem> problems, MigrationProblem problem)
    {
        // Two tokens queued on one edge give the same problem, which the plan lists once.
        if (!problems.Any(known => known.Code == problem.Code && known.Message == problem.Message))
        {
            problems.Add(problem);
        }
    }

    private sealed record ArrivalContext(
        InstanceRecord Instance, FlowGraph Source, FlowGraph Target, IReadOnlyDictionary<string, string> Mapping,
        TokenRecord Token)
    {
        public string TargetJoin { get; } = MapNode(Token.NodeId, Mapping);

        public MigrationProblem Problem(string code, string message, IEnumerable<(string Name, string Value)> arguments)
        {
            var named = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["join"] = Token.NodeId,
                ["targetJoin"] = TargetJoin,
                ["sourceVersion"] = Instance.FlowVersion.ToString(CultureInfo.InvariantCulture),
                ["targetVersion"] = Target.Published.Version.ToString(CultureInfo.InvariantCulture),
            };
            foreach (var (name, value) in arguments)
            {
                named[name] = value;
            }

            return new MigrationProblem(Instance.Id, Token.NodeId, code, message) { Arguments = named };
        }
    }
}
