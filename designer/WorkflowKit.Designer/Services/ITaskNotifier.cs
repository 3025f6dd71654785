namespace WorkflowKit.Designer.Services;

/// <summary>
/// Raised by the engine when tasks change; circuits subscribe so that inboxes update without a
/// reload. One singleton per process.
/// </summary>
public interface ITaskNotifier
{
    event Action<TaskNotification>? Changed;

    void Publish(TaskNotification notification);
}
