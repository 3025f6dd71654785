namespace WorkflowKit.Runtime.Notifications;

/// <summary>Kinds of in-app notifications.</summary>
public static class NotificationKinds
{
    public const string TaskAssigned = "taskAssigned";

    /// <summary>A task that a return created; the message names the returning user and the comment.</summary>
    public const string Returned = "returned";
    public const string CarbonCopy = "cc";
    public const string Reminder = "reminder";
    public const string Overdue = "overdue";

    /// <summary>Sent to the former assignee of an escalated task; the message names the new assignees.</summary>
    public const string Escalated = "escalated";
    public const string Urge = "urge";
    public const string Message = "message";
}
