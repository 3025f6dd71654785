using System.Text.Json.Nodes;
using WorkflowKit.Runtime.Definitions;
using WorkflowKit.Runtime.Diagnostics;
using WorkflowKit.Runtime.Execution;
using WorkflowKit.Runtime.Storage;

namespace WorkflowKit.Runtime;

/// <summary>Record triggers: flows that start when a record of a form is created or updated.</summary>
public sealed partial class WorkflowEngine
{
    /// <summary>
    /// Registers the schedule and record triggers of a published flow; call it right after publishing. A later
    /// version of the same flow replaces the earlier triggers.
    /// </summary>
    public async Task SyncTriggersAsync(PublishedFlow flow, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(flow);
        _recordTriggers.Register(flow);
        await SyncSchedulesAsync(flow, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Derives the record triggers and schedules from the published flows of the definition source: it syncs
    /// each flow whose latest version this engine has not registered yet and drops flows that are no longer
    /// published. Returns how many flows it synced.
    /// </summary>
    /// <remarks>
    /// Record triggers live in memory, but they hold nothing the definitions store does not. The hosted service
    /// calls this at start and every <see cref="EngineOptions.TriggerRefreshInterval"/>, so after a restart, and
    /// on a node that did not publish a flow, writes start the flows of every published version; on another node
    /// that takes up to one interval. A definition source that is not an <see cref="IPublishedFlowCatalog"/>
    /// registers nothing here, and the host must call <see cref="SyncTriggersAsync"/> for each flow.
    /// </remarks>
    public async Task<int> SyncPublishedTriggersAsync(CancellationToken cancellationToken)
    {
        if (_services.Definitions is not IPublishedFlowCatalog catalog)
        {
            return 0;
        }

        var latest = await catalog.ListLatestVersionsAsync(cancellationToken).ConfigureAwait(false);
        var synced = 0;
        foreach (var (flowKey, version) in latest)
        {
            if (_recordTriggers.VersionOf(flowKey) == version)
            {
                continue;
            }

            var flow = await _services.Definitions.GetAsync(flowKey, version, cancellationToken).ConfigureAwait(false);
            await SyncTriggersAsync(flow, cancellationToken).ConfigureAwait(false);
            synced++;
        }

        foreach (var flowKey in _recordTriggers.FlowKeys.Where(key => !latest.ContainsKey(key)))
        {
            _recordTriggers.Remove(flowKey);
        }

        if (synced > 0)
        {
            RuntimeLog.TriggersSynced(_services.Logger, synced, latest.Count);
        }

        return synced;
    }

    /// <summary>
    /// Starts the flow of a record-trigger message in the transaction that marks the message delivered, so a
    /// repeated delivery finds the message finished (or the instance by its idempotency key) and starts nothing.
    /// </summary>
    private async Task StartFromRecordAsync(OutboxRecord message, CancellationToken cancellationToken)
    {
        var payload = message.Payload;
        var flowKey = payload["flowKey"]!.GetValue<string>();
        var recordEvent = payload["event"]!.GetValue<string>();
        var formKey = payload["formKey"]!.GetValue<string>();
        var recordId = payload["recordId"]!.GetValue<long>();
        StepContext started;
        try
        {
            // A runner that claimed the message after another runner's lease ran out finds the instance by its key.
            if (await _services.Store.FindInstanceByIdempotencyKeyAsync(null, message.IdempotencyKey, cancellationToken)
                    .ConfigureAwait(false) is not null)
            {
                await FinishOutboxAsync(message, OutboxStatuses.Delivered, null, cancellationToken).ConfigureAwait(false);
                return;
            }

            var graph = await _services.GraphAsync(flowKey, null, cancellationToken).ConfigureAwait(false);
            started = await CommitAsync(
                "start",
                async unit =>
                {
                    var transaction = await unit.WriteAsync(cancellationToken).ConfigureAwait(false);
                    var finished = await _services.Store.FinishOutboxAsync(
                        transaction, message.Id, OutboxStatuses.Delivered, null, _services.Time.GetUtcNow(), cancellationToken)
                        .ConfigureAwait(false);
                    if (!finished)
                    {
                        throw new OperationCanceledException("Another runner delivered the record trigger first.");
                    }

                    var trigger = new JsonObject
                    {
                        ["kind"] = TriggerKinds.Record,
                        ["event"] = recordEvent,
                        ["form"] = formKey,
                        ["recordId"] = recordId,
                        ["changedFields"] = payload["changedFields"]?.DeepClone(),
                        ["sourceInstanceId"] = payload["sourceInstanceId"]?.DeepClone(),
                        ["depth"] = payload["depth"]?.DeepClone() ?? 1,
                    };
                    var context = await NewInstanceAsync(
                        unit, graph, payload["userId"]?.GetValue<string>() ?? Options.SystemUserId, TriggerKinds.Record,
                        payload["data"] as JsonObject, new JsonObject { ["trigger"] = trigger }, message.IdempotencyKey, null,
                        cancellationToken).ConfigureAwait(false);
                    context.Audit[0].Details!["record"] = trigger.DeepClone();
                    await _runner.RunAsync(context, cancellationToken).ConfigureAwait(false);
                    return context;
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception exception) when (exception is KeyNotFoundException or InvalidOperationException)
        {
            var attempt = message.Attempts + 1;
            if (attempt < message.MaxAttempts)
            {
                RuntimeLog.OutboxAttemptFailed(_services.Logger, message.Id, message.Kind, attempt, exception.Message);
                var next = _services.Time.GetUtcNow() + (_services.Options.RetryBackoff * Math.Pow(2, attempt - 1));
                await _services.Store.RescheduleOutboxAsync(message.Id, attempt, next, exception.Message, cancellationToken)
                    .ConfigureAwait(false);
                return;
            }

            RuntimeLog.OutboxGaveUp(_services.Logger, message.Id, message.Kind, attempt, exception.Message);
            await FinishOutboxAsync(message, OutboxStatuses.Failed, exception.Message, cancellationToken).ConfigureAwait(false);
            return;
        }

        RuntimeLog.RecordTriggerFired(_services.Logger, recordEvent, formKey, recordId, flowKey, started.Instance.Id);
    }
}
