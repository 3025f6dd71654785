namespace WorkflowKit.Runtime.Instances;

/// <summary>Why the engine rejected a withdrawal, so that a caller can word the error for its own screen.</summary>
public enum InstanceActionError
{
    /// <summary>The flow version the instance runs on sets <c>settings.allowWithdraw</c> to false.</summary>
    WithdrawNotAllowed,

    /// <summary>Someone has already acted on a task of the instance, so the initiator can no longer withdraw.</summary>
    AlreadyActed,
}
