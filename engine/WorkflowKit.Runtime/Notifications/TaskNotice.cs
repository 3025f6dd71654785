using WorkflowKit.Definitions;

namespace WorkflowKit.Runtime.Notifications;

/// <summary>
/// The words of a task's own notices: a new task, a deadline reminder, an overdue task and a task escalated to its
/// new assignee. Each names the node, the submission (its title or serial number) and the deadline when there is
/// one, so that a user with many tasks at one node can tell them apart.
/// </summary>
/// <param name="NodeName">The node's name.</param>
/// <param name="Subject">The submission's title or serial number, or its id when the node shows neither.</param>
/// <param name="DueAt">The task's deadline as wall-clock text in the flow's time zone, or null without one.</param>
public sealed record TaskNotice(LocalizedText NodeName, string Subject, string? DueAt)
{
    /// <summary>Builds the text of a <see cref="NotificationKinds.TaskAssigned"/> notice.</summary>
    public LocalizedText Assigned() => new(
        $"{Zh}：“{Subject}”待您处理" + (DueAt is null ? "。" : $"，截止时间 {DueAt}。"),
        $"{En}: \"{Subject}\" is waiting for you" + (DueAt is null ? "." : $", due {DueAt}."));

    /// <summary>Builds the text of a <see cref="NotificationKinds.Reminder"/> notice.</summary>
    public LocalizedText Reminder() => new(
        $"{Zh}：“{Subject}”将于 {DueAt ?? "近期"} 到期，请及时处理。",
        $"{En}: \"{Subject}\" is due {DueAt ?? "soon"}; please handle it in time.");

    /// <summary>Builds the text of a <see cref="NotificationKinds.Overdue"/> notice to the task's assignee.</summary>
    public LocalizedText Overdue() => new(
        $"{Zh}：“{Subject}”已超期" + (DueAt is null ? "。" : $"，截止时间为 {DueAt}。"),
        $"{En}: \"{Subject}\" is overdue" + (DueAt is null ? "." : $"; it was due {DueAt}."));

    /// <summary>
    /// Builds the text of the <see cref="NotificationKinds.Overdue"/> notice to a user who receives the task by
    /// escalation, with the deadline that the escalation set.
    /// </summary>
    public LocalizedText EscalatedTo() => new(
        $"{Zh}：“{Subject}”已超期，系统已升级给您处理" + (DueAt is null ? "。" : $"，新的截止时间为 {DueAt}。"),
        $"{En}: \"{Subject}\" passed its deadline and was escalated to you" +
        (DueAt is null ? "." : $"; it is now due {DueAt}."));

    private string Zh => NodeName.Get("zh-CN");

    private string En => NodeName.Get("en");
}
