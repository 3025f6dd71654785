using System.Text.Json.Nodes;
using WorkflowKit.Runtime.Audit;
using WorkflowKit.Runtime.Diagnostics;
using WorkflowKit.Runtime.Execution;
using WorkflowKit.Runtime.Incidents;
using WorkflowKit.Runtime.Outbox;
using WorkflowKit.Runtime.Storage;

namespace WorkflowKit.Runtime;

/// <summary>
/// Delivering the outbox. An HTTP reply is fed back to its instance as a step that also marks the
/// message delivered, so a crash between the call and that step repeats the call with the same
/// idempotency key and the receiver drops the repeat.
/// </summary>
public sealed partial class WorkflowEngine
{
    /// <summary>Header carrying the idempotency key of an outbox delivery.</summary>
    public const string IdempotencyHeader = "Idempotency-Key";

    private async Task<int> RunOutboxAsync(CancellationToken cancellationToken)
    {
        var now = _services.Time.GetUtcNow();
        var options = _services.Options;
        var due = await _services.Store.ClaimDueOutboxAsync(now, options.RunnerId, options.Lease, options.BatchSize, cancellationToken)
            .ConfigureAwait(false);
        foreach (var message in due)
        {
            try
            {
                await DeliverAsync(message, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // The lease keeps the message from other runners until it expires; then it goes again, same key.
                RuntimeLog.OutboxFailed(_services.Logger, exception, message.Id, message.Kind);
            }
        }

        return due.Count;
    }

    private async Task DeliverAsync(OutboxRecord message, CancellationToken cancellationToken)
    {
        if (message.Kind == OutboxKinds.RecordTrigger)
        {
            await StartFromRecordAsync(message, cancellationToken).ConfigureAwait(false);
            return;
        }

        var attempt = message.Attempts + 1;
        _services.Faults.At(FaultPoint.BeforeDelivery, message.Id);
        JsonObject? reply = null;
        string? error = null;
        var permanent = false;
        try
        {
            if (message.Kind == OutboxKinds.Http)
            {
                (reply, error, permanent) = await HttpNodeCall.SendAsync(
                    _services.HttpClients(), _services.Options, message, cancellationToken).ConfigureAwait(false);
            }
            else if (message.Channel is { } name && _services.Channels.TryGetValue(name, out var channel))
            {
                await channel.DeliverAsync(message.Payload, message.IdempotencyKey, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                (error, permanent) = ($"No notification channel named \"{message.Channel}\" is registered.", true);
            }
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException or TimeoutException
            or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            error = exception is TaskCanceledException ? "the call timed out" : exception.Message;
        }

        _services.Faults.At(FaultPoint.AfterDelivery, message.Id);
        if (error is null)
        {
            RuntimeLog.OutboxDelivered(_services.Logger, message.Id, message.Kind, attempt);
            await AcknowledgeAsync(message, reply, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (!permanent && attempt < message.MaxAttempts)
        {
            RuntimeLog.OutboxAttemptFailed(_services.Logger, message.Id, message.Kind, attempt, error);
            var backoff = TimeSpan.FromMilliseconds(message.Payload["backoffMs"]?.GetValue<long>()
                ?? (long)_services.Options.RetryBackoff.TotalMilliseconds);
            var next = _services.Time.GetUtcNow() + (backoff * Math.Pow(2, attempt - 1));
            await _services.Store.RescheduleOutboxAsync(message.Id, attempt, next, error, cancellationToken).ConfigureAwait(false);
            return;
        }

        RuntimeLog.OutboxGaveUp(_services.Logger, message.Id, message.Kind, attempt, error);
        await GiveUpAsync(message, attempt, error, cancellationToken).ConfigureAwait(false);
    }

    private async Task AcknowledgeAsync(OutboxRecord message, JsonObject? reply, CancellationToken cancellationToken)
    {
        if (message.Kind != OutboxKinds.Http || message.InstanceId is null)
        {
            await FinishOutboxAsync(message, OutboxStatuses.Delivered, null, cancellationToken).ConfigureAwait(false);
            return;
        }

        await StepAsync(
            "http.reply",
            message.InstanceId,
            async step =>
            {
                var transaction = await step.Unit.WriteAsync(cancellationToken).ConfigureAwait(false);
                if (!await _services.Store.FinishOutboxAsync(
                        transaction, message.Id, OutboxStatuses.Delivered, null, step.Now, cancellationToken)
                        .ConfigureAwait(false))
                {
                    return;
                }

                var token = step.LiveTokens.FirstOrDefault(candidate =>
                    candidate.WaitKind == WaitKinds.Outbox && candidate.WaitRef == message.Id);
                if (token is null)
                {
                    return;
                }

                var node = step.Graph.Node(token.NodeId);
                FlowRunner.SetOutput(step, node, reply);
                step.AddAudit("system", AuditActions.HttpReplied, node.Id, details: new JsonObject
                {
                    ["status"] = reply?["status"]?.DeepClone(),
                    ["idempotencyKey"] = message.IdempotencyKey,
                });
                _runner.Leave(step, token, node);
            },
            cancellationToken).ConfigureAwait(false);
    }

    private async Task GiveUpAsync(OutboxRecord message, int attempts, string error, CancellationToken cancellationToken)
    {
        if (message.Kind != OutboxKinds.Http || message.InstanceId is null)
        {
            await FinishOutboxAsync(message, OutboxStatuses.Failed, error, cancellationToken).ConfigureAwait(false);
            return;
        }

        await StepAsync(
            "http.failed",
            message.InstanceId,
            async step =>
            {
                var transaction = await step.Unit.WriteAsync(cancellationToken).ConfigureAwait(false);
                if (!await _services.Store.FinishOutboxAsync(
                        transaction, message.Id, OutboxStatuses.Failed, error, step.Now, cancellationToken)
                        .ConfigureAwait(false))
                {
                    return;
                }

                var token = step.LiveTokens.FirstOrDefault(candidate =>
                    candidate.WaitKind == WaitKinds.Outbox && candidate.WaitRef == message.Id);
                if (token is not null)
                {
                    var method = message.Payload["method"]?.GetValue<string>();
                    var url = message.Payload["url"]?.GetValue<string>();
                    _runner.RaiseIncident(step, token, IncidentKinds.Http,
                        $"HTTP node '{token.NodeId}': {method} {url} failed after {attempts} attempt(s): {error}. " +
                        "Fix the receiver or the node, then retry the incident.");
                }
            },
            cancellationToken).ConfigureAwait(false);
    }

    private async Task FinishOutboxAsync(OutboxRecord message, string status, string? error, CancellationToken cancellationToken)
    {
        var transaction = await _services.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            await _services.Store.FinishOutboxAsync(
                transaction, message.Id, status, error, _services.Time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            var subject = $"outbox {message.Id}";
            _services.Faults.At(FaultPoint.BeforeCommit, subject);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            _services.Faults.At(FaultPoint.AfterCommit, subject);
        }
    }
}
