using WorkflowKit.Runtime.Storage;

namespace WorkflowKit.Storage.PostgreSql.Runtime;

/// <summary>A wk_schedules row as Dapper reads it.</summary>
internal sealed class ScheduleRow
{
    public const string Columns =
        "id AS Id, flow_key AS FlowKey, cron AS Cron, time_zone AS TimeZone, next_due_at AS NextDueAt, " +
        "enabled AS Enabled, last_fired_at AS LastFiredAt";

    public string Id { get; set; } = string.Empty;

    public string FlowKey { get; set; } = string.Empty;

    public string Cron { get; set; } = string.Empty;

    public string TimeZone { get; set; } = string.Empty;

    public DateTime NextDueAt { get; set; }

    public bool Enabled { get; set; }

    public DateTime? LastFiredAt { get; set; }

    public ScheduleRecord ToRecord() => new()
    {
        Id = Id,
        FlowKey = FlowKey,
        Cron = Cron,
        TimeZone = TimeZone,
        NextDueAt = SqlTime.Read(NextDueAt),
        Enabled = Enabled,
        LastFiredAt = SqlTime.ReadOptional(LastFiredAt),
    };
}
