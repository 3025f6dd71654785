namespace WorkflowKit.Designer.Delegations;

/// <summary>
/// A new delegation from the portal or the REST API. <see cref="UserId"/> defaults to the caller; only administrators
/// name another user. <see cref="Start"/> and <see cref="End"/> are wall-clock times in the tenant time zone, such as
/// <c>2025-03-03T09:00</c>.
/// </summary>
public sealed record DelegationInput(string? DelegateId, DateTime? Start, DateTime? End)
{
    public string? UserId { get; init; }

    public IReadOnlyList<string>? FlowKeys { get; init; }

    public string? Note { get; init; }

    public bool MoveOpenTasks { get; init; }
}
