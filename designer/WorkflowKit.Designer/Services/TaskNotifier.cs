namespace WorkflowKit.Designer.Services;

/// <summary>In-process notifier; handlers run on the publishing thread and must not block.</summary>
public sealed class TaskNotifier : ITaskNotifier
{
    public event Action<TaskNotification>? Changed;

    public void Publish(TaskNotification notification) => Changed?.Invoke(notification);
}
