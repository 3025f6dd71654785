namespace WorkflowKit.Runtime.Delegations;

/// <summary>
/// A standing delegation (代理审批): while it is in force, the tasks that the engine assigns to <see cref="UserId"/> from a
/// node's assignee rules go to <see cref="DelegateId"/>. Times are UTC instants; the portal and the REST API enter and
/// show them in the tenant time zone.
/// </summary>
public sealed record Delegation
{
    public required string Id { get; init; }

    /// <summary>The user who is away and whose tasks move.</summary>
    public required string UserId { get; init; }

    /// <summary>The user who receives the tasks.</summary>
    public required string DelegateId { get; init; }

    /// <summary>The first instant of the period, included.</summary>
    public required DateTimeOffset StartsAt { get; init; }

    /// <summary>The end of the period, excluded.</summary>
    public required DateTimeOffset EndsAt { get; init; }

    /// <summary>The flow keys the delegation covers; empty covers every flow.</summary>
    public IReadOnlyList<string> FlowKeys { get; init; } = [];

    public string? Note { get; init; }

    /// <summary>Whether the tasks the user already has open when the period starts move to the delegate too.</summary>
    public bool MoveOpenTasks { get; init; }

    /// <summary>The user who created it: the delegating user, or an administrator on their behalf.</summary>
    public required string CreatedBy { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When someone ended the delegation early; null while it runs its full period.</summary>
    public DateTimeOffset? EndedAt { get; init; }

    public string? EndedBy { get; init; }

    /// <summary>When a runner moved the open tasks, for a delegation with <see cref="MoveOpenTasks"/>.</summary>
    public DateTimeOffset? OpenTasksMovedAt { get; init; }

    /// <summary>Whether the delegation applies at <paramref name="at"/>: inside the period and not ended.</summary>
    public bool IsInForce(DateTimeOffset at) => StartsAt <= at && at < EffectiveEnd;

    /// <summary>The end of the period, or the time it was ended when that came first.</summary>
    public DateTimeOffset EffectiveEnd => EndedAt is { } ended && ended < EndsAt ? ended : EndsAt;

    /// <summary>
    /// Whether this delegation and <paramref name="other"/> cover a flow in common: one of them covers every flow, or
    /// their flow keys meet. Two delegations of one user may share a period only when they share no flow.
    /// </summary>
    public bool SharesFlowsWith(Delegation other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return FlowKeys.Count == 0 || other.FlowKeys.Count == 0
            || FlowKeys.Intersect(other.FlowKeys, StringComparer.Ordinal).Any();
    }

    /// <summary>Whether the delegation covers tasks of flow <paramref name="flowKey"/>.</summary>
    public bool Covers(string flowKey) => FlowKeys.Count == 0 || FlowKeys.Contains(flowKey, StringComparer.Ordinal);
}
