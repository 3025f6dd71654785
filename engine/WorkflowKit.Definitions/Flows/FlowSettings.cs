namespace WorkflowKit.Definitions.Flows;

/// <summary>Flow-wide behaviour.</summary>
public sealed class FlowSettings
{
    /// <summary>
    /// Whether the initiator may withdraw until the first task action, and again while a returned instance waits for
    /// the initiator to resubmit. True unless set to false.
    /// </summary>
    public bool? AllowWithdraw { get; set; }

    /// <summary>IANA time zone for cron and deadlines, overriding the tenant's (default Asia/Shanghai).</summary>
    public string? TimeZone { get; set; }
}
