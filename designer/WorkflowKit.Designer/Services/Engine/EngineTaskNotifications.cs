using WorkflowKit.Runtime;
using WorkflowKit.Runtime.Instances;

namespace WorkflowKit.Designer.Services.Engine;

/// <summary>
/// Relays every committed engine step to <see cref="ITaskNotifier"/>, so that open inboxes refresh
/// when tasks come from the background loop (timers, escalations, schedules, HTTP replies) as well
/// as from portal and API actions. With PostgreSQL the notifier relays to the other nodes too.
/// </summary>
public sealed class EngineTaskNotifications(WorkflowEngine engine, ITaskNotifier notifier) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        engine.StepCommitted += OnStepCommitted;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        engine.StepCommitted -= OnStepCommitted;
        return Task.CompletedTask;
    }

    private void OnStepCommitted(object? sender, StepCommittedEventArgs step)
    {
        if (step.Users.Count > 0)
        {
            notifier.Publish(new TaskNotification(step.Users, step.InstanceId, step.Step));
        }
    }
}
