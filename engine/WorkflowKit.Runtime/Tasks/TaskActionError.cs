namespace WorkflowKit.Runtime.Tasks;

/// <summary>Why the engine rejected a task action, so that a caller can word the error for its own screen.</summary>
public enum TaskActionError
{
    /// <summary>The action name is not one of <see cref="TaskActions.Names"/>.</summary>
    UnknownAction,

    /// <summary>
    /// The node does not offer the action. <see cref="TaskActionException.Offered"/> lists the actions it offers.
    /// </summary>
    ActionNotOffered,

    /// <summary>Transfer, add signer or CC was sent without a target user.</summary>
    TargetUserMissing,

    /// <summary>The target user is not in the organisation directory.</summary>
    TargetUserNotFound,

    /// <summary>The target user is the task's own assignee: a transfer to oneself or oneself as added signer.</summary>
    TargetIsAssignee,

    /// <summary>
    /// The target user already takes part in the node, as <see cref="TaskActionException.Participation"/> states.
    /// </summary>
    TargetTakesPart,

    /// <summary>
    /// A transfer names the submission's initiator at a node whose assignee rules leave the initiator out, so the
    /// initiator would decide their own request.
    /// </summary>
    TargetIsInitiator,

    /// <summary>The user tried to copy (CC) themselves.</summary>
    CopiesSelf,

    /// <summary>The signer position is neither "before" nor "after", or contradicts the action name.</summary>
    InvalidSignerPosition,

    /// <summary>A return names a node that is not an earlier human node of the branch.</summary>
    InvalidReturnTarget,

    /// <summary>A return was requested at a node with no earlier human node in its branch.</summary>
    NoEarlierNode,
}
