namespace WorkflowKit.Runtime.Storage;

/// <summary>What a waiting token waits for.</summary>
public static class WaitKinds
{
    public const string Task = "task";
    public const string Timer = "timer";
    public const string Join = "join";
    public const string SubFlow = "subFlow";
    public const string Outbox = "outbox";
    public const string Retry = "retry";
    public const string Incident = "incident";
}
