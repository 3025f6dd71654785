namespace WorkflowKit.Runtime.Expressions;

/// <summary>An expression, condition or script failed; the message is shown in the incident.</summary>
public sealed class FlowExpressionException : Exception
{
    public FlowExpressionException(string message)
        : base(message)
    {
    }

    public FlowExpressionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public FlowExpressionException()
    {
    }

    /// <summary>Kind of failure reported by the script host, such as "timeout" or "memory".</summary>
    public string? Kind { get; init; }
}
