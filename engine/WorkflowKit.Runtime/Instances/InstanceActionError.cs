namespace WorkflowKit.Runtime.Instances;

/// <summary>Why the engine rejected a withdrawal, a cancel or an urge, so that a caller can word the error for its own screen.</summary>
public enum InstanceActionError
{
    /// <summary>The flow version the instance runs on sets <c>settings.allowWithdraw</c> to false.</summary>
    WithdrawNotAllowed,

    /// <summary>Someone has already acted on a task of the instance, so the initiator can no longer withdraw.</summary>
    AlreadyActed,

    /// <summary>
    /// A node of the withdrawal path (<c>settings.onWithdraw</c>) failed, so the withdrawal rolled back and the instance
    /// runs on as before. <see cref="InstanceActionException.NodeId"/> names the node.
    /// </summary>
    WithdrawalPathFailed,

    /// <summary>
    /// A node of the cancellation path (<c>settings.onCancel</c>) of the instance, or of a running sub-flow that the
    /// cancel ends, failed, so the cancel rolled back and every instance runs on as before.
    /// <see cref="InstanceActionException.NodeId"/> names the node and <see cref="InstanceActionException.InstanceId"/>
    /// the instance whose path failed.
    /// </summary>
    CancellationPathFailed,

    /// <summary>
    /// The user urged every open task of the instance less than <see cref="EngineOptions.UrgeInterval"/> ago.
    /// <see cref="InstanceActionException.RetryAfter"/> gives the time until the next urge is accepted.
    /// </summary>
    UrgedTooRecently,
}
