using Microsoft.Extensions.Logging;
using WorkflowKit.Runtime.Execution;
using WorkflowKit.Runtime.Instances;

namespace WorkflowKit.Runtime;

/// <summary>The step-committed event, which hosts use to refresh open task lists.</summary>
public sealed partial class WorkflowEngine
{
    /// <summary>
    /// Raised on the committing thread after every step that commits, whether a caller or the
    /// background loop (timers, schedules, outbox replies) ran it. Handlers must return quickly;
    /// an exception from a handler is logged and does not affect the step, which is already committed.
    /// </summary>
    public event EventHandler<StepCommittedEventArgs>? StepCommitted;

    private void RaiseStepCommitted(StepContext context)
    {
        var handlers = StepCommitted;
        if (handlers is null)
        {
            return;
        }

        foreach (var done in new[] { context }.Concat(context.Children))
        {
            var users = done.Tasks.Select(task => task.Assignee)
                .Concat(done.Notifications.Select(notification => notification.UserId))
                .Append(done.Instance.Initiator)
                .Where(user => user.Length > 0)
                .ToHashSet(StringComparer.Ordinal);
            try
            {
                handlers(this, new StepCommittedEventArgs(done.Instance.Id, context.Step, users));
            }
            catch (Exception exception)
            {
                StepCommittedHandlerFailed(_services.Logger, exception, context.Step, done.Instance.Id);
            }
        }
    }

    [LoggerMessage(2090, LogLevel.Warning, "A StepCommitted handler failed after step {Step} of instance {InstanceId}")]
    private static partial void StepCommittedHandlerFailed(
        ILogger logger, Exception exception, string step, string instanceId);
}
