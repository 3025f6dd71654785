using WorkflowKit.Runtime.Audit;
using WorkflowKit.Runtime.Delegations;
using WorkflowKit.Runtime.Diagnostics;
using WorkflowKit.Runtime.Tasks;
using WorkflowKit.Storage;

namespace WorkflowKit.Runtime;

/// <summary>Moving the tasks that users had open when their delegation started.</summary>
public sealed partial class WorkflowEngine
{
    /// <summary>
    /// Moves the open tasks of every delegation created with <see cref="Delegation.MoveOpenTasks"/> and whose period
    /// has started, one step per task, to the delegate. A runner leases each delegation for <see cref="EngineOptions.Lease"/>
    /// and marks it done after trying every task. When the runner stops midway, another runner claims the delegation
    /// after the lease and moves the tasks still with the user, because a moved task is no longer the user's. A task
    /// that a guard keeps with its user gets a <c>task.delegationSkipped</c> audit line. Returns the number of tasks
    /// moved; 0 when the engine has no <see cref="EngineOptions.Delegations"/> store.
    /// </summary>
    public async Task<int> MoveDelegatedTasksAsync(CancellationToken cancellationToken)
    {
        if (_services.Options.Delegations is not { } store)
        {
            return 0;
        }

        var moved = 0;
        var claimed = await store.ClaimOpenTaskMovesAsync(
            _services.Time.GetUtcNow(), _services.Options.Lease, cancellationToken).ConfigureAwait(false);
        foreach (var delegation in claimed)
        {
            moved += await MoveOpenTasksAsync(delegation, cancellationToken).ConfigureAwait(false);
            await store.CompleteOpenTaskMovesAsync(delegation.Id, _services.Time.GetUtcNow(), cancellationToken)
                .ConfigureAwait(false);
        }

        return moved;
    }

    // A task that a guard kept with the user is tried again when the moves resume after a stop. Its earlier
    // task.delegationSkipped lines go with the try, so that the same refusal is written once.
    private async Task<int> MoveOpenTasksAsync(Delegation delegation, CancellationToken cancellationToken)
    {
        var open = new List<Storage.TaskRecord>();
        for (var offset = 0; ; offset += 500)
        {
            var page = await _services.Store.QueryTasksAsync(
                new TaskQuery { Assignee = delegation.UserId, Offset = offset, Limit = 500 }, cancellationToken)
                .ConfigureAwait(false);
            open.AddRange(page);
            if (page.Count < 500)
            {
                break;
            }
        }

        var moved = 0;
        foreach (var task in open.Where(task => delegation.Covers(task.FlowKey)))
        {
            try
            {
                var didMove = false;
                await StepAsync(
                    "delegation.move",
                    task.InstanceId,
                    async step =>
                    {
                        RequireRunning(step);
                        await _runner.Human.LoadDelegationsAsync(step, cancellationToken).ConfigureAwait(false);
                        var current = step.Tasks.Single(candidate => candidate.Id == task.Id);
                        var history = await _services.Store.GetAuditAsync(task.InstanceId, cancellationToken)
                            .ConfigureAwait(false);
                        var earlierSkips = history
                            .Where(line => line.Action == AuditActions.DelegationSkipped && line.TaskId == task.Id)
                            .ToList();
                        didMove = _runner.Human.MoveToDelegate(step, current, delegation, earlierSkips);
                    },
                    cancellationToken).ConfigureAwait(false);
                moved += didMove ? 1 : 0;
            }
            catch (Exception exception) when (exception is ConcurrencyConflictException or KeyNotFoundException)
            {
                RuntimeLog.DelegatedTaskMoveFailed(_services.Logger, exception, task.Id, delegation.Id);
            }
        }

        RuntimeLog.DelegatedTasksMoved(_services.Logger, delegation.Id, delegation.UserId, moved, open.Count);
        return moved;
    }
}
