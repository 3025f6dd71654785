namespace WorkflowKit.Runtime.Tasks;

/// <summary>How a user already takes part in the current visit of a human node.</summary>
public enum TaskParticipation
{
    /// <summary>The user has an open task at the node.</summary>
    OpenTask,

    /// <summary>The user is queued as a signer added after an approver.</summary>
    QueuedSigner,

    /// <summary>The user already approved or submitted a task at the node.</summary>
    Approved,

    /// <summary>The user's task is set aside until the signer added before them approves.</summary>
    SetAside,

    /// <summary>The user acts later in the node's sequential order.</summary>
    LaterInSequence,
}
