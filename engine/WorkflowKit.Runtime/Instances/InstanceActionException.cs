namespace WorkflowKit.Runtime.Instances;

/// <summary>
/// A withdrawal that the engine rejected because of the instance's state or its flow's settings. The message is for
/// API clients and logs, so screens word their own message from <see cref="Error"/>.
/// </summary>
public sealed class InstanceActionException : InvalidOperationException
{
    public InstanceActionException(InstanceActionError error, string message)
        : base(message)
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
}
