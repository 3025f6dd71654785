using WorkflowKit.Definitions;

namespace WorkflowKit.Runtime.Tasks;

/// <summary>
/// A node that a task may return to: an earlier human node of the task's branch, or the start node, which stands for
/// the initiator (退回发起人).
/// </summary>
/// <param name="NodeId">The node's id, which a return request sends as <see cref="TaskActionRequest.TargetNodeId"/>.</param>
/// <param name="NodeName">The node's display name, null when the definition gives none.</param>
/// <param name="IsInitiator">Whether the target is the initiator at the start node.</param>
public sealed record ReturnTarget(string NodeId, LocalizedText? NodeName, bool IsInitiator)
{
    /// <summary>
    /// The value of <see cref="TaskActionRequest.TargetNodeId"/> that returns to the initiator whatever the start node
    /// is called. Node ids cannot contain ":", so it never names a node, and unlike "@" or "$" it has no meaning to
    /// shells or to the command line's argument parser.
    /// </summary>
    public const string Initiator = ":initiator";
}
