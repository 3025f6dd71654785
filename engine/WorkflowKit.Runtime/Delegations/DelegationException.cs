namespace WorkflowKit.Runtime.Delegations;

/// <summary>
/// A delegation request that <see cref="DelegationService"/> rejected. The message is for API clients and logs;
/// screens word their own from <see cref="Error"/> and the typed properties.
/// </summary>
public sealed class DelegationException : InvalidOperationException
{
    public DelegationException(DelegationError error, string message)
        : base(message)
    {
        Error = error;
    }

    public DelegationException(DelegationError error, string message, Exception innerException)
        : base(message, innerException)
    {
        Error = error;
    }

    public DelegationException()
    {
    }

    public DelegationException(string message)
        : base(message)
    {
    }

    public DelegationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DelegationError Error { get; }

    /// <summary>The request field the error is about, such as <c>delegateId</c> or <c>end</c>, when there is one.</summary>
    public string? Field { get; init; }

    /// <summary>The overlapping delegation, for <see cref="DelegationError.Overlaps"/>.</summary>
    public Delegation? Conflicting { get; init; }
}
