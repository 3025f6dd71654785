namespace WorkflowKit.Definitions.Flows;

/// <summary>Retries of a failing automatic step before it raises an incident.</summary>
public sealed class RetryPolicy
{
    public int MaxAttempts { get; set; } = 3;

    /// <summary>ISO 8601 delay before the first retry; each next delay doubles.</summary>
    public string Backoff { get; set; } = "PT5S";
}
