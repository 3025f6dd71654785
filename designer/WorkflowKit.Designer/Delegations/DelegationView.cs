namespace WorkflowKit.Designer.Delegations;

/// <summary>
/// A delegation as the portal and the REST API show it: names beside ids, and times as wall-clock text
/// (yyyy-MM-ddTHH:mm) in <see cref="TimeZone"/>, the tenant time zone.
/// </summary>
public sealed record DelegationView(
    string Id,
    string UserId,
    string UserName,
    string DelegateId,
    string DelegateName,
    string Start,
    string End,
    string TimeZone,
    IReadOnlyList<string> FlowKeys,
    string? Note,
    bool MoveOpenTasks,
    string Status,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? EndedAt,
    string? EndedBy);

/// <summary>Values of <see cref="DelegationView.Status"/>.</summary>
public static class DelegationStatuses
{
    /// <summary>The period has not started.</summary>
    public const string Scheduled = "scheduled";

    /// <summary>The delegation is in force.</summary>
    public const string Active = "active";

    /// <summary>The period is over or someone ended it.</summary>
    public const string Ended = "ended";
}
