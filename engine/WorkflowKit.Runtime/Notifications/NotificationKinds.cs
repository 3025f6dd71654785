namespace WorkflowKit.Runtime.Notifications;

/// <summary>Kinds of in-app notifications.</summary>
public static class NotificationKinds
{
    public const string TaskAssigned = "taskAssigned";

    /// <summary>A task that a return created; the message names the returning user and the comment.</summary>
    public const string Returned = "returned";

    /// <summary>
    /// Sent to the initiator when a node rejects the submission; the message names the rejecting user, the node and
    /// the comment, and states whether the flow ended.
    /// </summary>
    public const string Rejected = "rejected";

    /// <summary>A task that a delegation gave its assignee; the message names the user on whose behalf they act.</summary>
    public const string Delegated = "delegated";

    public const string CarbonCopy = "cc";
    public const string Reminder = "reminder";
    public const string Overdue = "overdue";

    /// <summary>Sent to the former assignee of an escalated task; the message names the new assignees.</summary>
    public const string Escalated = "escalated";

    /// <summary>
    /// Sent to the person who gets a task because the delegations of its users loop, and to each user in the loop.
    /// The message names the loop and the new holder.
    /// </summary>
    public const string DelegationLoop = "delegationLoop";

    public const string Urge = "urge";
    public const string Message = "message";
}
