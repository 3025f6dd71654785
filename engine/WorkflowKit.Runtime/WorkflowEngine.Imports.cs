using WorkflowKit.Runtime.Execution;
using WorkflowKit.Runtime.Instances;
using WorkflowKit.Storage;

namespace WorkflowKit.Runtime;

/// <summary>Starting an instance inside a transaction that the caller commits, for import rows.</summary>
public sealed partial class WorkflowEngine
{
    /// <summary>
    /// Starts an instance and runs it until every token waits, writing everything in
    /// <paramref name="transaction"/> without committing it. The caller's commit or rollback
    /// decides whether the instance exists, so an import that rolls back starts nothing.
    /// </summary>
    /// <exception cref="KeyNotFoundException">The flow or version is not published.</exception>
    /// <exception cref="WorkflowKit.Forms.InvalidSubmissionException">A form or API start carries invalid form
    /// data; nothing was written.</exception>
    /// <exception cref="ArgumentException">The request's trigger kind is one of the engine's own (schedule, record,
    /// import or sub-flow); an import row starts its flows through <see cref="Imports.ImportFlowStarter"/>.</exception>
    public Task<WorkflowInstance> StartInTransactionAsync(
        StartInstanceRequest request, IStorageTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        RejectEngineTrigger(request);
        return StartAnyInTransactionAsync(request, transaction, cancellationToken);
    }

    /// <summary>
    /// Starts an instance in <paramref name="transaction"/> with any trigger kind, for the import of a row.
    /// </summary>
    internal async Task<WorkflowInstance> StartAnyInTransactionAsync(
        StartInstanceRequest request, IStorageTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.FlowKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Initiator);
        if (request.IdempotencyKey is { } key
            && await _services.Store.FindInstanceByIdempotencyKeyAsync(transaction, key, cancellationToken)
                .ConfigureAwait(false) is { } existing)
        {
            return await ToInstanceAsync(existing, transaction, cancellationToken).ConfigureAwait(false);
        }

        var graph = await _services.GraphAsync(request.FlowKey, request.FlowVersion, cancellationToken).ConfigureAwait(false);
        await CheckStarterAsync(graph, request, cancellationToken).ConfigureAwait(false);
        var prepared = await PrepareStartFormAsync(graph, request, cancellationToken).ConfigureAwait(false);
        var createsRecord = prepared is not null && graph.Published.Flow.Settings?.StartCreatesRecord == true;
        var unit = StepTransaction.Joining(_services.Database, transaction);
        await using var unitScope = unit.ConfigureAwait(false);
        var context = await NewInstanceAsync(
            unit, graph, request.Initiator, request.TriggerKind, prepared ?? request.Form, request.Variables,
            request.IdempotencyKey, null, cancellationToken, createsRecord).ConfigureAwait(false);
        await _runner.RunAsync(context, cancellationToken).ConfigureAwait(false);
        await PersistAsync(context, cancellationToken).ConfigureAwait(false);

        // The background runner finds the new timers and outbox rows once the caller commits.
        WakeUp();
        return ToInstance(context.Instance, context.Vars);
    }
}
