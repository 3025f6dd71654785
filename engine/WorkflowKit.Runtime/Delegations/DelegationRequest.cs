namespace WorkflowKit.Runtime.Delegations;

/// <summary>
/// A new delegation as a person enters it. <see cref="Start"/> and <see cref="End"/> are wall-clock times in the
/// tenant time zone (<see cref="EngineOptions.TimeZone"/>); their <see cref="DateTime.Kind"/> is ignored.
/// </summary>
public sealed record DelegationRequest(string UserId, string DelegateId, DateTime Start, DateTime End)
{
    /// <summary>The flow keys to limit the delegation to; empty or null covers every flow.</summary>
    public IReadOnlyList<string>? FlowKeys { get; init; }

    public string? Note { get; init; }

    /// <summary>Whether the user's tasks already open when the period starts move to the delegate too; off by default.</summary>
    public bool MoveOpenTasks { get; init; }
}
