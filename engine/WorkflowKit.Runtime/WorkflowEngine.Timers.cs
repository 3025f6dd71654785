using System.Globalization;
using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Runtime.Approvals;
using WorkflowKit.Runtime.Audit;
using WorkflowKit.Runtime.Diagnostics;
using WorkflowKit.Runtime.Execution;
using WorkflowKit.Runtime.Notifications;
using WorkflowKit.Runtime.Storage;
using WorkflowKit.Runtime.Tasks;
using WorkflowKit.Runtime.Timers;

namespace WorkflowKit.Runtime;

/// <summary>Firing timers: timer nodes, reminders, overdue policies and retries of failed nodes.</summary>
public sealed partial class WorkflowEngine
{
    private async Task<int> RunTimersAsync(CancellationToken cancellationToken)
    {
        var now = _services.Time.GetUtcNow();
        var options = _services.Options;
        var due = await _services.Store.ClaimDueTimersAsync(now, options.RunnerId, options.Lease, options.BatchSize, cancellationToken)
            .ConfigureAwait(false);
        foreach (var timer in due)
        {
            try
            {
                await FireTimerAsync(timer, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // The lease keeps the timer from other runners until it expires; then it fires again.
                RuntimeLog.TimerFailed(_services.Logger, exception, timer.Id, timer.InstanceId);
            }
        }

        return due.Count;
    }

    private async Task FireTimerAsync(TimerRecord timer, CancellationToken cancellationToken)
    {
        if (timer.InstanceId is null)
        {
            return;
        }

        RuntimeLog.TimerFired(_services.Logger, timer.Id, timer.Kind, timer.InstanceId);
        await StepAsync(
            "timer." + timer.Kind,
            timer.InstanceId,
            async step =>
            {
                var transaction = await step.Unit.WriteAsync(cancellationToken).ConfigureAwait(false);
                if (!await _services.Store.MarkTimerFiredAsync(transaction, timer.Id, step.Now, cancellationToken)
                        .ConfigureAwait(false)
                    || InstanceStatuses.IsFinished(step.Instance.Status))
                {
                    return;
                }

                await ApplyTimerAsync(step, timer, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
    }

    private async Task ApplyTimerAsync(StepContext step, TimerRecord timer, CancellationToken cancellationToken)
    {
        var token = step.LiveTokens.FirstOrDefault(candidate => candidate.Id == timer.TokenId);
        switch (timer.Kind)
        {
            case TimerKinds.Node when token is { WaitKind: WaitKinds.Timer } && token.WaitRef == timer.Id:
                step.AddAudit("system", AuditActions.TimerFired, token.NodeId);
                _runner.Leave(step, token, step.Graph.Node(token.NodeId));
                break;
            case TimerKinds.Retry when token is { WaitKind: WaitKinds.Retry } && token.WaitRef == timer.Id:
                token.Status = TokenStatuses.Active;
                token.WaitKind = null;
                token.WaitRef = null;
                step.Touch(token);
                break;
            case TimerKinds.Reminder or TimerKinds.Overdue:
                var task = step.OpenTasks.FirstOrDefault(candidate => candidate.Id == timer.TaskId);
                if (task is not null)
                {
                    await ApplyDeadlineAsync(step, timer, task, cancellationToken).ConfigureAwait(false);
                }

                break;
        }
    }

    private async Task ApplyDeadlineAsync(StepContext step, TimerRecord timer, TaskRecord task, CancellationToken cancellationToken)
    {
        var node = step.Graph.Node(task.NodeId);
        if (timer.Kind == TimerKinds.Reminder)
        {
            var reminder = _runner.Human.NoticeOf(step, node, task).Reminder();
            step.Notify(task.Assignee, NotificationKinds.Reminder, node.Id, task.Id, reminder);
            step.AddAudit("system", AuditActions.Reminder, node.Id, task.Id);
            return;
        }

        var policy = node.Overdue ?? new OverduePolicy();
        step.AddAudit("system", AuditActions.Overdue, node.Id, task.Id, details: new JsonObject { ["policy"] = policy.Action });
        var system = _services.Options.SystemUserId;
        var notice = _runner.Human.NoticeOf(step, node, task);
        switch (policy.Action)
        {
            case "approve" or "reject" or "return":
                var comment = TimeoutComment.For(policy.Action, notice.DueAt ?? step.Now.ToString("O", CultureInfo.InvariantCulture));
                var decision = new TaskActionRequest(task.Id, policy.Action, system)
                {
                    TargetNodeId = policy.Action == TaskActions.Return ? policy.ReturnTo : null,
                    Comment = comment.Get("en"),
                    LocalizedComment = comment,
                };
                await _runner.Human.ActAsync(step, task, decision, cancellationToken).ConfigureAwait(false);
                break;
            case "escalate":
                try
                {
                    var users = await _runner.Assignees.ResolveAsync(
                        step, node, policy.To, "escalation target", cancellationToken).ConfigureAwait(false);
                    await _runner.Human.EscalateAsync(step, task, users, system, cancellationToken)
                        .ConfigureAwait(false);
                }
                catch (FlowFaultException fault)
                {
                    // The task stays with its assignee; the audit trail says why escalation did not happen.
                    step.Notify(task.Assignee, NotificationKinds.Overdue, node.Id, task.Id, notice.Overdue());
                    step.AddAudit("system", AuditActions.TaskEscalationFailed, node.Id, task.Id, details: new JsonObject
                    {
                        ["message"] = fault.Message,
                    });
                }

                break;
            default:
                step.Notify(task.Assignee, NotificationKinds.Overdue, node.Id, task.Id, notice.Overdue());
                if (policy.Every is { } every)
                {
                    var next = step.Now + IsoDuration.Parse(every).ToTimeSpan();
                    step.NewTimers.Add(HumanTaskHandler.NewTimer(step, task, TimerKinds.Overdue, next));
                }

                break;
        }
    }
}
