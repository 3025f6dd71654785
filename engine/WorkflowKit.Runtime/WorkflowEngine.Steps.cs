using System.Data.Common;
using System.Text.Json.Nodes;
using WorkflowKit.Files;
using WorkflowKit.Runtime.Audit;
using WorkflowKit.Runtime.Diagnostics;
using WorkflowKit.Runtime.Execution;
using WorkflowKit.Runtime.Instances;
using WorkflowKit.Runtime.Storage;
using WorkflowKit.Storage;

namespace WorkflowKit.Runtime;

/// <summary>The step machinery: one transaction per step, optimistic concurrency, fault points.</summary>
public sealed partial class WorkflowEngine
{
    private const int ConflictRetries = 5;

    /// <summary>
    /// Runs <paramref name="work"/> on a loaded instance and commits. A lost version race (another
    /// node changed the instance) reloads and runs again; <paramref name="work"/> rechecks its
    /// preconditions on the fresh state, so a task completed meanwhile becomes a clear conflict.
    /// </summary>
    private Task<StepContext> StepAsync(
        string step, string instanceId, Func<StepContext, Task> work, CancellationToken cancellationToken) =>
        StepAsync(step, _ => Task.FromResult(instanceId), work, cancellationToken);

    /// <summary>
    /// Runs a step on the instance that <paramref name="findInstanceId"/> returns, reading inside the
    /// step's read transaction: a task action finds its instance through the task without a
    /// transaction of its own.
    /// </summary>
    private async Task<StepContext> StepAsync(
        string step, Func<IStorageTransaction, Task<string>> findInstanceId, Func<StepContext, Task> work,
        CancellationToken cancellationToken)
    {
        string? instanceId = null;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await CommitAsync(
                    step,
                    async unit =>
                    {
                        instanceId = await findInstanceId(unit.Current).ConfigureAwait(false);
                        var context = await LoadAsync(step, unit, instanceId, cancellationToken).ConfigureAwait(false);
                        await work(context).ConfigureAwait(false);
                        await _runner.RunAsync(context, cancellationToken).ConfigureAwait(false);
                        return context;
                    },
                    cancellationToken).ConfigureAwait(false);
            }
            catch (ConcurrencyConflictException conflict)
                when (attempt < ConflictRetries && conflict.Subject?.StartsWith("instance ", StringComparison.Ordinal) == true)
            {
                RuntimeLog.StepConflictRetry(_services.Logger, step, instanceId ?? "(unknown)");
            }
            catch (DbException exception) when (attempt < ConflictRetries && IsLockRace(exception))
            {
                // Steps that lock several instances (a cancel locks children before the parent, a withdrawal
                // writes the parent first) can deadlock on PostgreSQL; the database aborts one, which runs again.
                RuntimeLog.StepConflictRetry(_services.Logger, step, instanceId ?? "(unknown)");
            }
        }
    }

    /// <summary>
    /// A deadlock (40P01) or serialization failure (40001): the database aborted the step's transaction because
    /// another transaction held what it needed, and the step can run again on fresh state.
    /// </summary>
    private static bool IsLockRace(DbException exception) => exception.SqlState is "40P01" or "40001";

    /// <summary>
    /// Runs <paramref name="work"/> on the step's read transaction, then begins the write transaction
    /// (if a node has not begun it already), persists and commits. The write lock is held only for
    /// the writes: loading, expressions and routing run before it is taken.
    /// </summary>
    private async Task<StepContext> CommitAsync(
        string step, Func<StepTransaction, Task<StepContext>> work, CancellationToken cancellationToken)
    {
        var unit = new StepTransaction(_services.Database);
        await using (unit.ConfigureAwait(false))
        {
            await unit.BeginReadAsync(cancellationToken).ConfigureAwait(false);
            var context = await work(unit).ConfigureAwait(false);
            await unit.WriteAsync(cancellationToken).ConfigureAwait(false);
            await PersistAsync(context, cancellationToken).ConfigureAwait(false);
            var subject = $"{step} {context.Instance.Id}";
            _services.Faults.At(FaultPoint.BeforeCommit, subject);
            await unit.CommitAsync(cancellationToken).ConfigureAwait(false);
            _services.Faults.At(FaultPoint.AfterCommit, subject);
            AfterCommit(context);
            return context;
        }
    }

    private async Task PersistAsync(StepContext context, CancellationToken cancellationToken)
    {
        await context.PersistAsync(_services.Store, cancellationToken).ConfigureAwait(false);
        await LinkAddedFilesAsync(context, cancellationToken).ConfigureAwait(false);
        foreach (var childId in context.OrphanedChildren)
        {
            var child = await LoadAsync("parent-ended", context.Unit, childId, cancellationToken).ConfigureAwait(false);
            if (!child.WasFinishedBefore)
            {
                child.ParentHandled = true;
                child.ActorForAudit = context.ActorForAudit;
                _runner.Finish(child, InstanceStatuses.Cancelled, null, context.ActorForAudit, AuditActionFor(InstanceStatuses.Cancelled));
                await PersistAsync(child, cancellationToken).ConfigureAwait(false);
                context.Children.Add(child);
            }
        }

        var finishedNow = context.Finished && !context.WasFinishedBefore;
        if (finishedNow && context.Instance.ParentInstanceId is { } parentId && !context.ParentHandled)
        {
            var parent = await LoadAsync("subflow-ended", context.Unit, parentId, cancellationToken).ConfigureAwait(false);
            parent.ActorForAudit = context.ActorForAudit;
            var waiting = parent.LiveTokens.FirstOrDefault(token => SubFlowWaits.WaitsFor(token, context.Instance.Id));
            if (waiting is not null)
            {
                var node = parent.Graph.Node(waiting.NodeId);
                var output = SubFlowWaits.Arrive(waiting, context.Instance, context.Vars);
                if (output is null)
                {
                    parent.Touch(waiting);
                }
                else
                {
                    FlowRunner.SetOutput(parent, node, output);
                    _runner.Leave(parent, waiting, node);
                    await _runner.RunAsync(parent, cancellationToken).ConfigureAwait(false);
                }

                await PersistAsync(parent, cancellationToken).ConfigureAwait(false);
                context.Children.Add(parent);
            }
        }
    }

    /// <summary>
    /// Links the instance, and each instance that the step started or changed with it, to the files that the step
    /// added to its form data, variables and audit snapshots. The links go in the step's transaction, so the write
    /// and its links commit together and the file sweep cannot delete a file in between. Files of the form's file
    /// fields must exist: the engine's own form checks (<see cref="EngineOptions.Files"/>) have made sure of it, and one removed
    /// since by the sweep fails the step, which then writes nothing. Other references are found by their shape, such as
    /// a reference that a script copies into a variable; see <see cref="IFileStore.LinkFoundAsync"/>.
    /// </summary>
    private async Task LinkAddedFilesAsync(StepContext context, CancellationToken cancellationToken)
    {
        if (_services.Options.Files is not { } files)
        {
            return;
        }

        var declared = FormFiles.Added(context.Graph.Published.Form, context.LoadedForm, context.Instance.Form);
        if (declared.Count > 0)
        {
            await files.LinkAsync(
                [.. declared.Select(id => FileLink.ToInstance(id, context.Instance.Id))], context.Transaction,
                cancellationToken).ConfigureAwait(false);
        }

        var found = FoundFiles(context);
        found.ExceptWith(declared);
        if (found.Count > 0)
        {
            await files.LinkFoundAsync(
                [.. found.Select(id => FileLink.ToInstance(id, context.Instance.Id))], context.Transaction,
                cancellationToken).ConfigureAwait(false);
        }

        foreach (var child in context.Children)
        {
            await LinkAddedFilesAsync(child, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Returns the ids of the references, found by shape, that the step adds to the instance's data.</summary>
    private static HashSet<string> FoundFiles(StepContext context)
    {
        var loaded = FileReferenceShapes.IdsIn(context.LoadedForm, includeRoot: false);
        var found = new HashSet<string>(
            FileReferenceShapes.IdsIn(context.Instance.Form, includeRoot: false), StringComparer.Ordinal);
        foreach (var line in context.Audit.Where(line => line.FormSnapshot is not null))
        {
            found.UnionWith(FileReferenceShapes.IdsIn(line.FormSnapshot, includeRoot: false));
        }

        found.ExceptWith(loaded);
        foreach (var (before, after) in context.WrittenVariables)
        {
            found.UnionWith(FileReferenceShapes.Added(before, after, includeRoot: true));
        }

        return found;
    }

    private void AfterCommit(StepContext context)
    {
        RuntimeLog.StepCommitted(_services.Logger, context.Step, context.Instance.Id, context.Instance.Version);
        if (context.Step == "start")
        {
            RuntimeLog.InstanceStarted(
                _services.Logger, context.Instance.Id, context.Instance.FlowKey, context.Instance.FlowVersion,
                context.Instance.Initiator, context.Instance.TriggerKind);
        }

        foreach (var done in new[] { context }.Concat(context.Children))
        {
            if (done.Finished && !done.WasFinishedBefore)
            {
                RuntimeLog.InstanceEnded(
                    _services.Logger, done.Instance.Id, done.Instance.FlowKey, done.Instance.FlowVersion, done.Instance.Status,
                    done.Instance.EndNodeId, (done.Instance.EndedAt ?? done.Now) - done.Instance.StartedAt);
            }
        }

        if (context.NewOutbox.Count > 0 || context.NewTimers.Count > 0 || context.Children.Any(c => c.NewOutbox.Count > 0))
        {
            WakeUp();
        }

        RaiseStepCommitted(context);
    }

    private async Task<StepContext> LoadAsync(
        string step, StepTransaction unit, string instanceId, CancellationToken cancellationToken)
    {
        var store = _services.Store;
        var transaction = unit.Current;
        var instance = await store.GetInstanceAsync(transaction, instanceId, cancellationToken).ConfigureAwait(false)
            ?? throw new KeyNotFoundException($"Instance '{instanceId}' does not exist; check the id.");
        var graph = await _services.GraphAsync(instance.FlowKey, instance.FlowVersion, cancellationToken).ConfigureAwait(false);
        var tokens = await store.GetTokensAsync(transaction, instanceId, liveOnly: true, cancellationToken).ConfigureAwait(false);
        var tasks = await store.GetTasksAsync(transaction, instanceId, openOnly: false, cancellationToken).ConfigureAwait(false);
        var vars = await store.GetVariablesAsync(transaction, instanceId, cancellationToken).ConfigureAwait(false);
        return new StepContext(
            step, unit, graph, instance, [.. tokens], [.. tasks], vars, isNew: false, _services.Time.GetUtcNow())
        {
            InitiatorJson = await InitiatorAsync(instance.Initiator, cancellationToken).ConfigureAwait(false),
            TimeZone = _services.Zone(graph),
            Calendar = await _services.CalendarAsync(cancellationToken).ConfigureAwait(false),
            WasFinishedBefore = InstanceStatuses.IsFinished(instance.Status),
            QueryRecords = RecordReader(unit, cancellationToken),
        };
    }

    private void WakeUp()
    {
        if (_workSignal.CurrentCount == 0)
        {
            try
            {
                _workSignal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another step woke the runner at the same moment; one wake-up is enough.
            }
        }
    }

    /// <summary>Time until the earliest pending timer, outbox message or schedule; null when nothing is pending.</summary>
    public async Task<TimeSpan?> TimeUntilNextDueAsync(CancellationToken cancellationToken)
    {
        var next = await _services.Store.GetNextDueAsync(cancellationToken).ConfigureAwait(false);
        return next is { } due ? due - _services.Time.GetUtcNow() : null;
    }

    /// <summary>Waits until a step queued work for the background runner, or until the timeout passes.</summary>
    public async Task<bool> WaitForWorkAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var signal = _workSignal.WaitAsync(stop.Token);
        var delay = Task.Delay(timeout, _services.Time, stop.Token);
        var first = await Task.WhenAny(signal, delay).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return first == signal && signal.IsCompletedSuccessfully;
    }

    private static WorkflowInstance ToInstance(InstanceRecord record, JsonObject? vars) => new(
        record.Id, record.FlowKey, record.FlowVersion, record.Status, record.TriggerKind, record.Initiator,
        record.ParentInstanceId, (JsonObject)record.Form.DeepClone(), (JsonObject?)vars?.DeepClone() ?? [],
        record.EndNodeId, record.Version, record.StartedAt, record.EndedAt);

    private async Task<WorkflowInstance> ToInstanceAsync(
        InstanceRecord record, IStorageTransaction? transaction, CancellationToken cancellationToken)
    {
        var vars = await _services.Store.GetVariablesAsync(transaction, record.Id, cancellationToken).ConfigureAwait(false);
        return ToInstance(record, vars);
    }

    internal static void RequireRunning(StepContext context)
    {
        if (InstanceStatuses.IsFinished(context.Instance.Status))
        {
            throw new ConcurrencyConflictException(
                $"Instance {context.Instance.Id} is {context.Instance.Status}; it accepts no further actions. " +
                "Reload it to see how it ended.")
            {
                Subject = $"instance {context.Instance.Id}",
                CurrentStatus = context.Instance.Status,
            };
        }
    }

    private static string AuditActionFor(string status) => status switch
    {
        InstanceStatuses.Withdrawn => AuditActions.InstanceWithdrawn,
        InstanceStatuses.Cancelled => AuditActions.InstanceCancelled,
        _ => AuditActions.InstanceCompleted,
    };
}
