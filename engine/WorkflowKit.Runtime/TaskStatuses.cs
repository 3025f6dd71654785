namespace WorkflowKit.Runtime;

/// <summary>States of a task.</summary>
public static class TaskStatuses
{
    public const string Open = "open";
    public const string Completed = "completed";
    public const string Cancelled = "cancelled";
}
