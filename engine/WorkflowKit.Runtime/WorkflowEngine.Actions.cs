using System.Text.Json.Nodes;
using WorkflowKit.Runtime.Approvals;
using WorkflowKit.Runtime.Audit;
using WorkflowKit.Runtime.Incidents;
using WorkflowKit.Runtime.Instances;
using WorkflowKit.Runtime.Storage;
using WorkflowKit.Runtime.Tasks;
using WorkflowKit.Storage;

namespace WorkflowKit.Runtime;

/// <summary>Actions of people on tasks and instances.</summary>
public sealed partial class WorkflowEngine
{
    /// <summary>The longest comment a task action takes, in characters.</summary>
    public const int MaxCommentLength = 2000;

    /// <summary>
    /// Rejects a comment or reason that contains an invisible character changing the direction of text (such as
    /// U+202E), because the audit trail, notices and form fields show it to other people with its content disguised.
    /// </summary>
    /// <exception cref="ArgumentException">The text holds such a character.</exception>
    private static void RejectBidiControls(string? text, string subject, string parameterName)
    {
        var index = text is null ? -1 : WorkflowKit.Forms.FieldValues.IndexOfBidiControl(text);
        if (index >= 0)
        {
            var codePoint = $"U+{(int)text![index]:X4}";
            var position = WorkflowKit.Forms.FieldValues.CodePoints(text[..index]) + 1;
            throw new ArgumentException(
                $"The {subject} contains the invisible direction control {codePoint} at character {position}; remove it " +
                "and send the text again.", parameterName);
        }
    }

    /// <summary>
    /// Acts on a task with one of <see cref="TaskActions.Names"/>. The action, the form changes and everything the
    /// instance does next commit in one step.
    /// </summary>
    /// <exception cref="ConcurrencyConflictException">The task is no longer open or its version changed.</exception>
    /// <exception cref="UnauthorizedAccessException">The user is not the task's assignee.</exception>
    /// <exception cref="FieldAccessDeniedException">The changes touch a field the node does not let the user edit.</exception>
    /// <exception cref="TaskActionException">
    /// The request is invalid, and <see cref="TaskActionException.Error"/> states why. The action may be unknown or not
    /// offered by the node, or the return target may be neither an earlier human node nor an allowed return to the
    /// initiator. The target user may be missing or unknown, or the signer or transfer target may already take part
    /// in the node.
    /// </exception>
    /// <exception cref="ArgumentException">The comment is longer than <see cref="MaxCommentLength"/>.</exception>
    /// <exception cref="WorkflowKit.Forms.InvalidSubmissionException">
    /// A resubmission carries form data that the flow's form rejects, or a task's changes make a formula fail; nothing
    /// was written.
    /// </exception>
    public async Task<TaskActionResult> ActAsync(TaskActionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!TaskActions.All.Contains(request.Action))
        {
            throw UnknownTaskAction(request.Action, request.TaskId, TaskActions.Names);
        }

        if (request.Comment is { Length: > MaxCommentLength } comment)
        {
            // The comment is stored in the audit trail and sent with every instance view, so a pasted document would
            // make each view of the instance megabytes long.
            throw new ArgumentException(
                $"The comment on task '{request.TaskId}' is {comment.Length.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} characters long; write at most " +
                $"{MaxCommentLength.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} characters and attach longer text as a file.", "comment");
        }

        RejectBidiControls(request.Comment, $"comment on task '{request.TaskId}'", "comment");
        request = WithSignerPosition(request);

        TaskRecord? acted = null;
        IReadOnlyList<KeptOwnerRow> keptRows = [];
        var context = await StepAsync(
            "task." + request.Action,
            async transaction =>
            {
                var task = await _services.Store.GetTaskAsync(transaction, request.TaskId, cancellationToken).ConfigureAwait(false)
                    ?? throw new KeyNotFoundException($"Task '{request.TaskId}' does not exist; check the id.");
                return task.InstanceId;
            },
            async step =>
            {
                acted = step.Tasks.FirstOrDefault(candidate => candidate.Id == request.TaskId)
                    ?? await _services.Store.GetTaskAsync(step.Transaction, request.TaskId, cancellationToken).ConfigureAwait(false)
                    ?? throw new KeyNotFoundException($"Task '{request.TaskId}' does not exist; check the id.");
                HumanTaskHandler.CheckCanAct(acted, request, step.Tasks);
                keptRows = IsResubmission(step.Graph, acted)
                    ? await ActOnResubmissionAsync(step, acted, request, cancellationToken).ConfigureAwait(false)
                    : await _runner.Human.ActAsync(step, acted, request, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
        return new TaskActionResult(ToTask(acted!), ToInstance(context.Instance, context.Vars)) { KeptRows = keptRows };
    }

    /// <summary>
    /// Builds the error for an action name outside <paramref name="accepted"/>, or for a missing or blank one. A host
    /// that accepts more names than the engine, such as urge, passes its own list, so that the message lists every
    /// name the host dispatches.
    /// </summary>
    public static TaskActionException UnknownTaskAction(
        string? action, string taskId, IReadOnlyList<string> accepted) =>
        new(
            TaskActionError.UnknownAction,
            (string.IsNullOrWhiteSpace(action)
                ? $"The task action is missing on task {taskId}"
                : $"Unknown task action \"{action}\" on task {taskId}") +
            $"; set action to one of {string.Join(", ", accepted)}.")
        {
            Action = action,
            TaskId = taskId,
            Accepted = accepted,
        };

    /// <summary>
    /// Turns <c>addSignerBefore</c> and <c>addSignerAfter</c> into <c>addSigner</c> with the position, which is the one
    /// form the handler and the audit trail know.
    /// </summary>
    private static TaskActionRequest WithSignerPosition(TaskActionRequest request)
    {
        if (request.Action is not (TaskActions.AddSignerBefore or TaskActions.AddSignerAfter))
        {
            return request;
        }

        var position = request.Action == TaskActions.AddSignerBefore ? "before" : "after";
        if (request.SignerPosition is { } given && given != position)
        {
            throw new TaskActionException(
                TaskActionError.InvalidSignerPosition,
                $"Action \"{request.Action}\" on task {request.TaskId} contradicts signerPosition \"{given}\". Leave " +
                "signerPosition out, or send action \"addSigner\" with the position you want.")
            {
                Action = request.Action,
                TaskId = request.TaskId,
            };
        }

        return request with { Action = TaskActions.AddSigner, SignerPosition = position };
    }

    /// <summary>
    /// The initiator takes the submission back. Allowed until anyone has acted on a task, and again while the
    /// instance waits for the initiator to resubmit after a return.
    /// </summary>
    /// <exception cref="UnauthorizedAccessException">The user is not the instance's initiator.</exception>
    /// <exception cref="InstanceActionException">
    /// The flow does not allow withdrawing, a task was already acted on, or a node of the withdrawal path failed and
    /// nothing was written. <see cref="InstanceActionException.Error"/> states which.
    /// </exception>
    /// <exception cref="ConcurrencyConflictException">The instance has ended.</exception>
    /// <exception cref="ArgumentException">The comment is longer than <see cref="MaxCommentLength"/>.</exception>
    public async Task<WorkflowInstance> WithdrawAsync(
        string instanceId, string userId, string? comment, CancellationToken cancellationToken)
    {
        if (comment is { Length: > MaxCommentLength })
        {
            // The reason goes into the audit trail and often into a form field, as a task comment does.
            throw new ArgumentException(
                $"The withdrawal reason for instance '{instanceId}' is " +
                $"{comment.Length.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} characters long; " +
                $"write at most {MaxCommentLength.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} " +
                "characters.", nameof(comment));
        }

        RejectBidiControls(comment, $"withdrawal reason for instance '{instanceId}'", nameof(comment));

        var context = await StepAsync(
            "withdraw",
            instanceId,
            async step =>
            {
                RequireRunning(step);
                if (step.Instance.Initiator != userId)
                {
                    throw new UnauthorizedAccessException(
                        $"Only the initiator ({step.Instance.Initiator}) may withdraw instance {instanceId}, not {userId}.");
                }

                if (step.Graph.Published.Flow.Settings?.AllowWithdraw == false)
                {
                    throw new InstanceActionException(
                        InstanceActionError.WithdrawNotAllowed,
                        $"Flow '{step.Instance.FlowKey}' does not allow withdrawing (settings.allowWithdraw is false).")
                    {
                        InstanceId = instanceId,
                        FlowKey = step.Instance.FlowKey,
                    };
                }

                if (step.Instance.Acted && !AwaitsResubmission(step))
                {
                    throw new InstanceActionException(
                        InstanceActionError.AlreadyActed,
                        $"Instance {instanceId} can no longer be withdrawn: a task was already acted on. " +
                        "Ask the current assignee to return or reject it instead.")
                    {
                        InstanceId = instanceId,
                        FlowKey = step.Instance.FlowKey,
                    };
                }

                if (!AwaitsResubmission(step)
                    && await FindActedSubFlowTaskAsync(step, cancellationToken).ConfigureAwait(false) is { } acted)
                {
                    throw new InstanceActionException(
                        InstanceActionError.AlreadyActed,
                        $"Instance {instanceId} can no longer be withdrawn: {acted.CompletedBy ?? "a user"} already " +
                        $"acted on task {acted.Id} at node '{acted.NodeId}' of its sub-flow '{acted.FlowKey}' " +
                        $"(instance {acted.InstanceId}). That task is completed, so nobody can return it; an " +
                        "administrator can cancel the submission instead.")
                    {
                        InstanceId = instanceId,
                        FlowKey = step.Instance.FlowKey,
                        NodeId = acted.NodeId,
                        SubFlowInstanceId = acted.InstanceId,
                    };
                }

                await FinishWithdrawalAsync(step, userId, comment, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
        return ToInstance(context.Instance, context.Vars);
    }

    /// <summary>
    /// Returns a task of a sub-flow below the instance that someone acted on, or null. Such a task, such as a
    /// warehouse's shipment of an order, is part of the same submission, so an action on it is the first action too.
    /// Sub-flows of sub-flows count as well. The rows of the sub-flows and then of the instance are locked first, in the
    /// order a cancel and an ending sub-flow use. The versions read must still be current at the lock, so a sub-flow
    /// task action committed at the same moment is either seen or makes the step run again.
    /// </summary>
    /// <exception cref="ConcurrencyConflictException">A sub-flow or the instance changed since the step read it; the
    /// subject names the instance, so the step runs again.</exception>
    private async Task<TaskRecord?> FindActedSubFlowTaskAsync(Execution.StepContext step, CancellationToken cancellationToken)
    {
        var descendants = await DescendantsAsync(step.Instance.Id, null, cancellationToken).ConfigureAwait(false);
        await LockInstancesAsync(step, descendants, "withdrawal", cancellationToken).ConfigureAwait(false);

        // Parents before children, as the sub-flows were started.
        foreach (var child in Enumerable.Reverse(descendants).Where(child => child.Acted))
        {
            var tasks = await _services.Store.GetTasksAsync(step.Unit.Current, child.Id, openOnly: false, cancellationToken)
                .ConfigureAwait(false);
            var done = tasks.Where(task => task.CompletedBy is not null).OrderBy(task => task.CompletedAt);
            return done.FirstOrDefault() ?? tasks.FirstOrDefault()
                ?? new TaskRecord { InstanceId = child.Id, FlowKey = child.FlowKey, NodeId = "?" };
        }

        return null;
    }

    /// <summary>
    /// Delivers an event to the token waiting at <paramref name="nodeId"/> (a timer node): the wait ends
    /// early, <paramref name="payload"/> becomes the node's output, and the token moves on.
    /// </summary>
    /// <exception cref="InvalidOperationException">No token waits at the node.</exception>
    public async Task<WorkflowInstance> SignalAsync(
        string instanceId, string nodeId, JsonNode? payload, string userId, CancellationToken cancellationToken)
    {
        var context = await StepAsync(
            "signal",
            instanceId,
            step =>
            {
                RequireRunning(step);
                var token = step.LiveTokens.FirstOrDefault(candidate =>
                    candidate.NodeId == nodeId && candidate.WaitKind == WaitKinds.Timer)
                    ?? throw new InvalidOperationException(
                        $"No token of instance {instanceId} waits at timer node '{nodeId}'; waiting at: " +
                        $"{string.Join(", ", step.LiveTokens.Select(t => $"{t.NodeId} ({t.WaitKind})").DefaultIfEmpty("nothing"))}.");
                step.CancelledTimerTokens.Add(token.Id);
                step.ActorForAudit = userId;
                var node = step.Graph.Node(nodeId);
                Execution.FlowRunner.SetOutput(step, node, payload);
                step.AddAudit(userId, AuditActions.Signal, nodeId);
                _runner.Leave(step, token, node);
                return Task.CompletedTask;
            },
            cancellationToken).ConfigureAwait(false);
        return ToInstance(context.Instance, context.Vars);
    }

    /// <summary>Resolves an incident and runs its node again (after the cause was fixed).</summary>
    public async Task<WorkflowInstance> RetryIncidentAsync(
        string incidentId, string userId, CancellationToken cancellationToken)
    {
        var incident = await _services.Store.GetIncidentAsync(null, incidentId, cancellationToken).ConfigureAwait(false)
            ?? throw new KeyNotFoundException($"Incident '{incidentId}' does not exist; check the id.");
        var context = await StepAsync(
            "incident.retry",
            incident.InstanceId,
            step =>
            {
                RequireRunning(step);
                var token = step.LiveTokens.FirstOrDefault(candidate =>
                    candidate.WaitKind == WaitKinds.Incident && candidate.WaitRef == incidentId)
                    ?? throw new ConcurrencyConflictException(
                        $"Incident {incidentId} is already resolved; reload the instance.") { Subject = $"incident {incidentId}" };
                step.ActorForAudit = userId;
                step.ResolvedIncidents.Add(new IncidentResolution(incidentId, userId, IncidentResolutions.Retried));
                token.Status = TokenStatuses.Active;
                token.WaitKind = null;
                token.WaitRef = null;
                token.WaitState = null;
                step.Touch(token);
                step.AddAudit(userId, AuditActions.IncidentRetried, token.NodeId, details: new JsonObject { ["incident"] = incidentId });
                return Task.CompletedTask;
            },
            cancellationToken).ConfigureAwait(false);
        return ToInstance(context.Instance, context.Vars);
    }

    private static WorkTask ToTask(TaskRecord task) => new(
        task.Id, task.InstanceId, task.NodeId, task.Kind, task.FlowKey, task.FlowVersion, task.Status, task.Assignee,
        task.OriginalAssignee, task.Outcome, task.Comment, task.Version, task.CreatedAt, task.DueAt, task.CompletedAt,
        task.CompletedBy);
}
