using System.Text.Json.Nodes;
using WorkflowKit.Runtime.Audit;
using WorkflowKit.Runtime.Diagnostics;
using WorkflowKit.Runtime.Execution;
using WorkflowKit.Runtime.Instances;
using WorkflowKit.Runtime.Storage;
using WorkflowKit.Storage;

namespace WorkflowKit.Runtime;

/// <summary>
/// An administrator's cancel: it ends the instance and every sub-flow still running below it, and runs the cancellation
/// path (<c>settings.onCancel</c>) of each, all in one step.
/// </summary>
public sealed partial class WorkflowEngine
{
    /// <summary>
    /// The variable that a cancel sets to <c>{ by, reason }</c> before the cancellation path runs. A sub-flow that the
    /// cancel of an ancestor ends also gets <c>instanceId</c>, the id of the instance that was cancelled.
    /// </summary>
    public const string CancellationVariable = "cancellation";

    private const int DescendantPageSize = 500;

    /// <summary>
    /// Stops a running instance (an administrator's action). Its tasks, tokens, timers and pending calls are cancelled,
    /// and so is every sub-flow instance still running below it, whether the instance waits for it or started it with
    /// <c>"wait": false</c>. The deepest sub-flows end first, and each cancelled instance runs its flow's cancellation
    /// path (<c>settings.onCancel</c>) after its children's, so a parent's path reads what its children's paths wrote.
    /// Every cancelled instance gets an <c>instance.cancelled</c> audit line by <paramref name="userId"/> with
    /// <paramref name="reason"/> as the comment. Everything commits in one step: the rows of the instances are locked
    /// first, leaves before parents, so a concurrent cancel on another engine node waits and then fails with a conflict
    /// instead of running the paths a second time.
    /// </summary>
    /// <exception cref="ConcurrencyConflictException">The instance has already ended.</exception>
    /// <exception cref="InstanceActionException">
    /// A node of a cancellation path failed (<see cref="InstanceActionError.CancellationPathFailed"/>). Nothing was
    /// written, and every instance runs on as before.
    /// </exception>
    public async Task<WorkflowInstance> CancelAsync(
        string instanceId, string userId, string? reason, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        RejectBidiControls(reason, $"cancel reason for instance '{instanceId}'", nameof(reason));
        var context = await StepAsync(
            "cancel",
            instanceId,
            async step =>
            {
                RequireRunning(step);
                var descendants = await DescendantsAsync(step.Instance.Id, InstanceStatuses.Running, cancellationToken)
                    .ConfigureAwait(false);
                await LockInstancesAsync(step, descendants, "cancel", cancellationToken).ConfigureAwait(false);

                foreach (var descendant in descendants)
                {
                    var child = await LoadAsync("parent-cancelled", step.Unit, descendant.Id, cancellationToken)
                        .ConfigureAwait(false);
                    child.ParentHandled = true;
                    child.ActorForAudit = userId;
                    await FinishCancellationAsync(child, userId, reason, step.Instance.Id, [], cancellationToken)
                        .ConfigureAwait(false);
                    step.Children.Add(child);
                }

                step.ActorForAudit = userId;
                var children = descendants.Where(child => child.ParentInstanceId == step.Instance.Id)
                    .Select(child => child.Id)
                    .ToList();
                await FinishCancellationAsync(step, userId, reason, null, children, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
        return ToInstance(context.Instance, context.Vars);
    }

    /// <summary>
    /// Returns the instances below <paramref name="instanceId"/> with <paramref name="status"/> (any status when null),
    /// found level by level and then reversed, so every child comes before the instance that started it.
    /// </summary>
    private async Task<List<InstanceRecord>> DescendantsAsync(
        string instanceId, string? status, CancellationToken cancellationToken)
    {
        var found = new List<InstanceRecord>();
        var parents = new Queue<string>([instanceId]);
        while (parents.TryDequeue(out var parentId))
        {
            for (var offset = 0; ; offset += DescendantPageSize)
            {
                var page = await _services.Store.QueryInstancesAsync(
                    new InstanceQuery
                    {
                        ParentInstanceId = parentId,
                        Status = status,
                        Offset = offset,
                        Limit = DescendantPageSize,
                    },
                    cancellationToken).ConfigureAwait(false);
                foreach (var child in page)
                {
                    found.Add(child);
                    parents.Enqueue(child.Id);
                }

                if (page.Count < DescendantPageSize)
                {
                    break;
                }
            }
        }

        found.Reverse();
        return found;
    }

    /// <summary>
    /// Begins the step's write transaction and locks the rows of <paramref name="descendants"/> (deepest first) and then
    /// of the instance, for a cancel or a withdrawal (<paramref name="purpose"/>, for the message). The step of a
    /// sub-flow that ends writes the child before its parent, in the same order.
    /// </summary>
    /// <remarks>
    /// A return of the parent on another node writes the parent before its children. If it runs at the same moment on
    /// PostgreSQL, the database aborts one of the two steps with a deadlock error, and that step runs again
    /// (<c>StepAsync</c> retries deadlocks like version conflicts).
    /// </remarks>
    /// <exception cref="ConcurrencyConflictException">
    /// One of the instances changed since the step read it, so the step must run again on fresh state. The subject
    /// names the step's instance, which makes the step retry.
    /// </exception>
    private async Task LockInstancesAsync(
        StepContext step, IReadOnlyList<InstanceRecord> descendants, string purpose, CancellationToken cancellationToken)
    {
        _services.Faults.At(FaultPoint.BeforeLock, $"{purpose} {step.Instance.Id}");
        var transaction = await step.Unit.WriteAsync(cancellationToken).ConfigureAwait(false);
        foreach (var (id, expected) in descendants.Select(child => (child.Id, child.Version))
                     .Append((step.Instance.Id, step.Instance.Version)))
        {
            var actual = await _services.Store.LockInstanceAsync(transaction, id, cancellationToken).ConfigureAwait(false);
            if (actual != expected)
            {
                throw new ConcurrencyConflictException(
                    $"Instance {id} changed while the {purpose} of instance {step.Instance.Id} ran (expected version " +
                    $"{expected}, found {actual?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no row"}); " +
                    "reload and try again.")
                {
                    Subject = $"instance {step.Instance.Id}",
                    ExpectedVersion = expected,
                    ActualVersion = actual,
                };
            }
        }
    }

    /// <summary>
    /// Ends one instance as cancelled, audits who cancelled it and why, sets <c>vars.cancellation</c> and runs the
    /// flow's cancellation path. <paramref name="cancelledWith"/> is the instance that the administrator cancelled when
    /// it is an ancestor of this one; <paramref name="children"/> lists the sub-flows that this cancel ended directly
    /// below it.
    /// </summary>
    private async Task FinishCancellationAsync(
        StepContext step, string userId, string? reason, string? cancelledWith, IReadOnlyList<string> children,
        CancellationToken cancellationToken)
    {
        _runner.Finish(step, InstanceStatuses.Cancelled, null, userId, AuditActions.InstanceCancelled);
        var details = new JsonObject();
        if (cancelledWith is not null)
        {
            details["cancelledWith"] = cancelledWith;
        }

        if (children.Count > 0)
        {
            details["children"] = new JsonArray([.. children.Select(id => (JsonNode)id)]);
        }

        step.Audit[^1] = step.Audit[^1] with { Comment = reason, Details = details.Count > 0 ? details : null };
        var variable = new JsonObject { ["by"] = userId, ["reason"] = reason };
        if (cancelledWith is not null)
        {
            variable["instanceId"] = cancelledWith;
        }

        step.SetVar(CancellationVariable, variable);
        if (step.Graph.Published.Flow.Settings?.OnCancel?.Node is { Length: > 0 } pathStart)
        {
            step.Instance.EndNodeId = await _runner.RunEndingPathAsync(
                step, EndingPath.Cancellation, pathStart, cancellationToken).ConfigureAwait(false);
        }
    }
}
