namespace WorkflowKit.Runtime.Instances;

/// <summary>A person tried to start a flow whose <c>starters</c> do not name them, their role or their department.</summary>
public sealed class StartNotAllowedException : UnauthorizedAccessException
{
    public StartNotAllowedException()
    {
    }

    public StartNotAllowedException(string message)
        : base(message)
    {
    }

    public StartNotAllowedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Key of the flow.</summary>
    public string? FlowKey { get; init; }

    /// <summary>The user who tried to start it.</summary>
    public string? UserId { get; init; }
}
