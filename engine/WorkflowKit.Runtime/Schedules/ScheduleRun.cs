namespace WorkflowKit.Runtime.Schedules;

/// <summary>
/// An instance that a schedule trigger started, on its own or by a person's "run now".
/// </summary>
/// <param name="InstanceId">The instance.</param>
/// <param name="StartedAt">When it started (UTC).</param>
/// <param name="StartedBy">The user who ran it now, or the engine's system user for a scheduled run.</param>
/// <param name="RunNow">Whether a person started it rather than the schedule.</param>
/// <param name="Status">The instance's state, one of <see cref="InstanceStatuses"/>.</param>
/// <param name="EndedAt">When it ended, null while it runs.</param>
/// <param name="OpenIncidents">Incidents that still stop one of its nodes.</param>
public sealed record ScheduleRun(
    string InstanceId,
    DateTimeOffset StartedAt,
    string StartedBy,
    bool RunNow,
    string Status,
    DateTimeOffset? EndedAt,
    int OpenIncidents);
