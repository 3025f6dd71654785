namespace WorkflowKit.Runtime.Instances;

/// <summary>
/// A withdrawal that the engine rejected because of the instance's state or its flow's settings, or whose withdrawal
/// path failed. The message is for API clients and logs, so screens word their own message from <see cref="Error"/>.
/// </summary>
public sealed class InstanceActionException : InvalidOperationException
{
    public InstanceActionException(InstanceActionError error, string message)
        : base(message)
    {
        Error = error;
    }

    public InstanceActionException(InstanceActionError error, string message, Exception? innerException)
        : base(message, innerException)
    {
        Error = error;
    }

    public InstanceActionException()
    {
    }

    public InstanceActionException(string message)
        : base(message)
    {
    }

    public InstanceActionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public InstanceActionError Error { get; }

    public string? InstanceId { get; init; }

    public string? FlowKey { get; init; }

    /// <summary>
    /// The node of the withdrawal path that failed, for <see cref="InstanceActionError.WithdrawalPathFailed"/>, or the
    /// node of the sub-flow task that was acted on, for <see cref="InstanceActionError.AlreadyActed"/>.
    /// </summary>
    public string? NodeId { get; init; }

    /// <summary>The sub-flow instance whose task was acted on, for <see cref="InstanceActionError.AlreadyActed"/>.</summary>
    public string? SubFlowInstanceId { get; init; }

    /// <summary>
    /// Time until the same user may urge again, for <see cref="InstanceActionError.UrgedTooRecently"/>; null otherwise.
    /// </summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The display name of <see cref="NodeId"/>, or null when the node has none.</summary>
    public WorkflowKit.Definitions.LocalizedText? NodeName { get; init; }
}
