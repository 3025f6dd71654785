namespace WorkflowKit.Runtime.Storage;

/// <summary>A schedule trigger of a published flow and the next time it is due (UTC).</summary>
public sealed class ScheduleRecord
{
    /// <summary>Flow key and trigger index, such as "stock-check#0".</summary>
    public string Id { get; set; } = string.Empty;

    public string FlowKey { get; set; } = string.Empty;

    public string Cron { get; set; } = string.Empty;

    /// <summary>IANA zone the cron expression is evaluated in.</summary>
    public string TimeZone { get; set; } = string.Empty;

    public DateTimeOffset NextDueAt { get; set; }

    public bool Enabled { get; set; } = true;

    public DateTimeOffset? LastFiredAt { get; set; }
}
