using WorkflowKit.Definitions.Flows;

namespace WorkflowKit.Designer.Flows;

/// <summary>
/// What deleting a node does to the edges around it, worked out before the delete so that the designer can ask first.
/// </summary>
/// <param name="NodeId">The node to delete.</param>
/// <param name="Incoming">The edges that end at the node.</param>
/// <param name="Outgoing">The edges that start at the node.</param>
/// <param name="Reconnects">
/// True when the node has one incoming and one outgoing edge and the delete joins its predecessor to its successor. The
/// incoming edge is kept with its id, condition, label, priority and default flag and then ends at the successor.
/// </param>
/// <param name="WithoutOutgoing">Nodes other than end nodes that have no outgoing edge once the node is deleted.</param>
/// <param name="WithoutIncoming">Nodes other than the start node that have no incoming edge once the node is deleted.</param>
public sealed record NodeRemoval(
    string NodeId,
    IReadOnlyList<EdgeDefinition> Incoming,
    IReadOnlyList<EdgeDefinition> Outgoing,
    bool Reconnects,
    IReadOnlyList<string> WithoutOutgoing,
    IReadOnlyList<string> WithoutIncoming)
{
    /// <summary>
    /// True when the designer requests confirmation before deleting, because the node has several incoming or
    /// outgoing edges or the delete leaves another node unconnected.
    /// </summary>
    public bool NeedsConfirmation => !Reconnects
        && (Incoming.Count > 1 || Outgoing.Count > 1 || WithoutOutgoing.Count > 0 || WithoutIncoming.Count > 0);
}
