using WorkflowKit.Definitions.Flows;
using WorkflowKit.Runtime.Definitions;

namespace WorkflowKit.Runtime.Graph;

/// <summary>
/// A published flow prepared for execution: nodes and edges by id, outgoing edges in priority
/// order, and for every parallel join the reachability facts its firing rule needs.
/// </summary>
public sealed class FlowGraph
{
    private readonly Dictionary<string, NodeDefinition> _nodes;
    private readonly Dictionary<string, EdgeDefinition> _edges;
    private readonly Dictionary<string, IReadOnlyList<EdgeDefinition>> _outgoing;
    private readonly Dictionary<string, IReadOnlyList<EdgeDefinition>> _incoming;
    private readonly Dictionary<string, JoinFacts> _joins = new(StringComparer.Ordinal);

    public FlowGraph(PublishedFlow published)
    {
        ArgumentNullException.ThrowIfNull(published);
        Published = published;
        var flow = published.Flow;
        _nodes = flow.Nodes.ToDictionary(node => node.Id, StringComparer.Ordinal);
        _edges = flow.Edges.ToDictionary(edge => edge.Id, StringComparer.Ordinal);
        _outgoing = flow.Nodes.ToDictionary(
            node => node.Id,
            node => (IReadOnlyList<EdgeDefinition>)[.. flow.Edges
                .Where(edge => edge.From == node.Id)
                .Select((edge, index) => (edge, index))
                .OrderBy(pair => pair.edge.IsDefault)
                .ThenBy(pair => pair.edge.Priority ?? int.MaxValue)
                .ThenBy(pair => pair.index)
                .Select(pair => pair.edge)],
            StringComparer.Ordinal);
        _incoming = flow.Nodes.ToDictionary(
            node => node.Id,
            node => (IReadOnlyList<EdgeDefinition>)[.. flow.Edges.Where(edge => edge.To == node.Id)],
            StringComparer.Ordinal);

        foreach (var join in flow.Nodes.Where(node => node.Type == NodeTypes.ParallelJoin))
        {
            _joins[join.Id] = AnalyseJoin(join.Id);
        }

        StartNode = flow.Nodes.FirstOrDefault(node => node.Type == NodeTypes.Start)
            ?? throw new ArgumentException(
                $"Flow '{flow.Key}' version {published.Version} has no start node; add one node of type \"start\".",
                nameof(published));
    }

    public PublishedFlow Published { get; }

    public NodeDefinition StartNode { get; }

    public NodeDefinition Node(string nodeId) =>
        _nodes.TryGetValue(nodeId, out var node)
            ? node
            : throw new KeyNotFoundException(
                $"Flow '{Published.Key}' version {Published.Version} has no node '{nodeId}'.");

    public bool HasNode(string nodeId) => _nodes.ContainsKey(nodeId);

    public EdgeDefinition Edge(string edgeId) => _edges[edgeId];

    public bool HasEdge(string edgeId) => _edges.ContainsKey(edgeId);

    /// <summary>Outgoing edges: non-default edges by priority (then definition order), the default edge last.</summary>
    public IReadOnlyList<EdgeDefinition> Outgoing(string nodeId) => _outgoing.GetValueOrDefault(nodeId) ?? [];

    public IReadOnlyList<EdgeDefinition> Incoming(string nodeId) => _incoming.GetValueOrDefault(nodeId) ?? [];

    public JoinFacts Join(string joinId) => _joins[joinId];

    private JoinFacts AnalyseJoin(string joinId)
    {
        var feeders = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        foreach (var edge in Incoming(joinId))
        {
            feeders[edge.Id] = ReverseReach(edge.From, joinId);
        }

        var pairedSplits = new HashSet<string>(StringComparer.Ordinal);
        foreach (var split in _nodes.Values.Where(node => node.Type == NodeTypes.ParallelSplit))
        {
            // A split pairs with the join when two of its branches feed two different incoming edges.
            var covered = Outgoing(split.Id)
                .Select(branch => feeders.Where(pair => pair.Value.Contains(branch.To)).Select(pair => pair.Key).ToHashSet())
                .Where(set => set.Count > 0)
                .ToList();
            var pairs = from first in Enumerable.Range(0, covered.Count)
                        from second in Enumerable.Range(0, covered.Count)
                        where first < second
                        select covered[first].Union(covered[second]).Count() >= 2;
            if (pairs.Any(paired => paired))
            {
                pairedSplits.Add(split.Id);
            }
        }

        return new JoinFacts(joinId, feeders, pairedSplits);
    }

    /// <summary>Nodes from which <paramref name="target"/> can be reached without passing through <paramref name="barrier"/>.</summary>
    private HashSet<string> ReverseReach(string target, string barrier)
    {
        var reached = new HashSet<string>(StringComparer.Ordinal);
        if (target == barrier)
        {
            return reached;
        }

        var pending = new Stack<string>();
        pending.Push(target);
        reached.Add(target);
        while (pending.Count > 0)
        {
            foreach (var edge in Incoming(pending.Pop()))
            {
                if (edge.From != barrier && reached.Add(edge.From))
                {
                    pending.Push(edge.From);
                }
            }
        }

        return reached;
    }
}
