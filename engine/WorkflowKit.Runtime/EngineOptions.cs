using System.Collections.Concurrent;
using WorkflowKit.Runtime.Timers;

namespace WorkflowKit.Runtime;

/// <summary>Settings of the workflow engine.</summary>
public sealed class EngineOptions
{
    /// <summary>IANA time zone of the tenant for cron, deadlines and date fields; "Asia/Shanghai" by default.</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>Workdays for deadlines in workday units; Saturday and Sunday off by default.</summary>
    public WorkdayCalendar Calendar { get; set; } = WorkdayCalendar.Weekends;

    /// <summary>
    /// Where the engine reads the calendar at the start of each step, such as a
    /// <see cref="StoredWorkdayCalendarSource"/>; when set, it replaces <see cref="Calendar"/>.
    /// </summary>
    public IWorkdayCalendarSource? CalendarSource { get; set; }

    /// <summary>
    /// The stored delegations (代理审批) that redirect tasks from users who are away; null assigns every task as the
    /// node's rules say.
    /// </summary>
    public Delegations.IDelegationStore? Delegations { get; set; }

    /// <summary>
    /// The uploaded files that attachment, image and signature values of starts, resubmissions and task changes must
    /// name, each uploaded by the submitting user unless the instance already held it. When null, only the shape of
    /// those values is checked.
    /// </summary>
    public WorkflowKit.Files.IFileStore? Files { get; set; }

    /// <summary>Attempts of an automatic node (record write, sub-flow start) before an incident; 3 by default.</summary>
    public int RetryAttempts { get; set; } = 3;

    /// <summary>Delay before the first retry; each next delay doubles. 5 seconds by default.</summary>
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a runner holds a claimed timer or outbox message before others may take it; 2 minutes by default.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often the hosted service looks for due work when nothing woke it; 2 seconds by default.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How often the hosted service derives record triggers and schedules from the published flows again, so that
    /// a version published by another process or node takes effect here; 30 seconds by default.
    /// </summary>
    public TimeSpan TriggerRefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Most timers or outbox messages claimed in one round; 50 by default.</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>Most nodes one step runs before it stops the token with an incident (an endless automatic loop); 1,000 by default.</summary>
    public int MaxNodesPerStep { get; set; } = 1000;

    /// <summary>
    /// Most records one <c>records.query</c> call in a script may return; a query that matches more fails the
    /// script with a message that names the form and filter. 10,000 by default.
    /// </summary>
    public int MaxQueryRows { get; set; } = 10_000;

    /// <summary>
    /// Shortest time between two urges (催办) of one task by one user; 10 minutes by default. An urge in between
    /// notifies nobody and fails with <see cref="Instances.InstanceActionError.UrgedTooRecently"/>.
    /// </summary>
    public TimeSpan UrgeInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Timeout of an HTTP node without its own; 30 seconds by default.</summary>
    public TimeSpan HttpTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Largest HTTP node reply body the engine reads, in bytes; 1 MiB by default. A longer reply is not read to
    /// its end and not stored, and the node raises an incident.
    /// </summary>
    public long MaxHttpReplyBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// Hosts that HTTP nodes may call and be redirected to: <c>host</c> for any port, <c>host:port</c> for one port,
    /// <c>*</c> for any host. Names compare case-insensitively and IPv6 addresses are written in brackets
    /// (<c>[::1]:8080</c>). A call to another host raises an incident. By default only this machine
    /// (<c>127.0.0.1</c>, <c>localhost</c> and <c>[::1]</c>), so a flow cannot reach other machines of the
    /// network until an administrator lists them.
    /// </summary>
    public IList<string> HttpAllowedHosts { get; set; } = ["127.0.0.1", "localhost", "[::1]"];

    /// <summary>Identifies this runner in leases; the machine name and a random suffix by default.</summary>
    public string RunnerId { get; set; } = $"{Environment.MachineName}-{Guid.NewGuid():N}";

    /// <summary>User id recorded for actions the engine takes itself (schedules, overdue policies).</summary>
    public string SystemUserId { get; set; } = "system";

    /// <summary>
    /// Zones already resolved. Every step resolves its flow's zone, and on Linux each
    /// <see cref="TimeZoneInfo.FindSystemTimeZoneById"/> call built the zone's display names through
    /// ICU again, which showed up in CPU profiles of the engine's steps.
    /// </summary>
    private readonly ConcurrentDictionary<string, TimeZoneInfo> _zones =
        new(StringComparer.Ordinal);

    internal TimeZoneInfo ResolveZone(string? overrideZone)
    {
        var id = string.IsNullOrWhiteSpace(overrideZone) ? TimeZone : overrideZone;
        try
        {
            return _zones.GetOrAdd(id, TimeZoneInfo.FindSystemTimeZoneById);
        }
        catch (TimeZoneNotFoundException exception)
        {
            throw new InvalidOperationException(
                $"Time zone \"{id}\" is not known on this machine; use an IANA id such as \"Asia/Shanghai\".", exception);
        }
    }
}
