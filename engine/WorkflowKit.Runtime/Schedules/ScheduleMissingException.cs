namespace WorkflowKit.Runtime.Schedules;

/// <summary>A run now of a flow whose latest published version has no schedule trigger.</summary>
public sealed class ScheduleMissingException : InvalidOperationException
{
    public ScheduleMissingException()
    {
    }

    public ScheduleMissingException(string message)
        : base(message)
    {
    }

    public ScheduleMissingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The flow that has no schedule trigger.</summary>
    public string? FlowKey { get; init; }
}
