namespace WorkflowKit.Runtime;

/// <summary>States of an instance.</summary>
public static class InstanceStatuses
{
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Rejected = "rejected";
    public const string Withdrawn = "withdrawn";
    public const string Cancelled = "cancelled";

    public static bool IsFinished(string status) => status != Running;
}
