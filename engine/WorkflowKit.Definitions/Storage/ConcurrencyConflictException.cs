namespace WorkflowKit.Storage;

/// <summary>
/// Raised when a write was based on a version of a row that someone else has changed since.
/// Callers show the message and reload; retrying blindly would overwrite the other change.
/// </summary>
public sealed class ConcurrencyConflictException : Exception
{
    public ConcurrencyConflictException(string message)
        : base(message)
    {
    }

    public ConcurrencyConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ConcurrencyConflictException()
    {
    }

    /// <summary>What was changed, such as "flow order-approval draft" or "task 42".</summary>
    public string? Subject { get; init; }

    /// <summary>
    /// The status that the subject has now when it no longer accepts the write, such as "completed" for a task or
    /// "withdrawn" for an instance; null when the subject only changed.
    /// </summary>
    public string? CurrentStatus { get; init; }

    public long? ExpectedVersion { get; init; }

    public long? ActualVersion { get; init; }

    /// <summary>Who made the change that won, where known.</summary>
    public string? ChangedBy { get; init; }

    /// <summary>When the change that won was made, where known.</summary>
    public DateTimeOffset? ChangedAt { get; init; }
}
