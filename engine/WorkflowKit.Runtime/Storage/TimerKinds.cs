namespace WorkflowKit.Runtime.Storage;

/// <summary>What a timer does when it fires.</summary>
public static class TimerKinds
{
    /// <summary>A timer node's wait ends.</summary>
    public const string Node = "node";

    /// <summary>A reminder before a task's deadline.</summary>
    public const string Reminder = "reminder";

    /// <summary>A task's deadline passed: the node's overdue policy applies.</summary>
    public const string Overdue = "overdue";

    /// <summary>A failed automatic node runs again.</summary>
    public const string Retry = "retry";
}
