using WorkflowKit.Definitions.Diagnostics;
using WorkflowKit.Definitions.Flows;

namespace WorkflowKit.Definitions.Validation;

/// <summary>
/// The edges of a flow indexed by node id, with the edges that were left out of the graph because an end is
/// missing or points the wrong way. Those broken edges are what later reachability diagnostics follow from.
/// </summary>
internal sealed class FlowGraph(FlowDefinition flow, Dictionary<string, int> nodes)
{
    public FlowDefinition Flow { get; } = flow;

    /// <summary>Index in <c>nodes</c> of each node id (the first node when ids repeat).</summary>
    public Dictionary<string, int> Nodes { get; } = nodes;

    /// <summary>Indexes of the usable edges leaving each node.</summary>
    public Dictionary<string, List<int>> Outgoing { get; } =
        nodes.Keys.ToDictionary(id => id, _ => new List<int>(), StringComparer.Ordinal);

    /// <summary>Indexes of the usable edges entering each node.</summary>
    public Dictionary<string, List<int>> Incoming { get; } =
        nodes.Keys.ToDictionary(id => id, _ => new List<int>(), StringComparer.Ordinal);

    /// <summary>For a node, the first broken edge that would have left it, as the diagnostic reporting that edge.</summary>
    public Dictionary<string, DiagnosticCause> BrokenOutgoing { get; } = new(StringComparer.Ordinal);

    /// <summary>For a node, the first broken edge that would have entered it, as the diagnostic reporting that edge.</summary>
    public Dictionary<string, DiagnosticCause> BrokenIncoming { get; } = new(StringComparer.Ordinal);

    public string TypeOf(string id) => Flow.Nodes[Nodes[id]].Type;
}
