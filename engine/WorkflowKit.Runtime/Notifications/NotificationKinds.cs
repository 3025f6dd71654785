namespace WorkflowKit.Runtime.Notifications;

/// <summary>Kinds of in-app notifications.</summary>
public static class NotificationKinds
{
    public const string TaskAssigned = "taskAssigned";

    /// <summary>A task that a return created; the message names the returning user and the comment.</summary>
    public const string Returned = "returned";

    /// <summary>A task that a delegation gave its assignee; the message names the user on whose behalf they act.</summary>
    public const string Delegated = "delegated";
    public const string CarbonCopy = "cc";
    public const string Reminder = "reminder";
    public const string Overdue = "overdue";
    public const string Urge = "urge";
    public const string Message = "message";
}
