using WorkflowKit.Definitions;

namespace WorkflowKit.Runtime.Schedules;

/// <summary>
/// One schedule trigger of a published flow as a process owner reads it: the cron expression in words, the zone it
/// runs in and its next run times (UTC; <see cref="TimeZone"/> gives the local time).
/// </summary>
/// <param name="Id">Flow key and trigger index, such as "batch-expiry-watch#0".</param>
/// <param name="Cron">The trigger's five-field cron expression.</param>
/// <param name="TimeZone">IANA zone that the cron expression is evaluated in.</param>
/// <param name="Description">The cron expression in words (<see cref="CronDescription"/>).</param>
/// <param name="NextRuns">The next run times, soonest first; the first is the time the engine has stored.</param>
/// <param name="LastFiredAt">When the schedule last fired on its own, null before the first time.</param>
public sealed record ScheduleStatus(
    string Id,
    string Cron,
    string TimeZone,
    LocalizedText Description,
    IReadOnlyList<DateTimeOffset> NextRuns,
    DateTimeOffset? LastFiredAt);
