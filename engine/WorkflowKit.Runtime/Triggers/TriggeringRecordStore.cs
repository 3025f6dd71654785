using System.Text.Json.Nodes;
using WorkflowKit.Records;
using WorkflowKit.Runtime.Execution;
using WorkflowKit.Runtime.Expressions;
using WorkflowKit.Runtime.Incidents;
using WorkflowKit.Runtime.Storage;
using WorkflowKit.Storage;

namespace WorkflowKit.Runtime.Triggers;

/// <summary>
/// The record store as the engine, imports and submissions should see it: every create or update that matches
/// a record trigger also writes an outbox message in the same transaction, and delivering that message starts
/// the flow. A write that rolls back therefore starts nothing, and a committed one starts each flow once.
/// </summary>
/// <remarks>
/// One write starts each flow at most once, even when several of its triggers match. An update starts a flow
/// only when it changed at least one field, and only when it changed one of <c>fields</c> if the trigger lists
/// them. A write without a transaction gets one of its own so that the record and the message commit together.
/// </remarks>
internal sealed class TriggeringRecordStore(
    IRecordStore inner,
    RecordTriggerRegistry registry,
    IDatabase database,
    IRuntimeStore runtimeStore,
    IFlowExpressions expressions,
    TimeProvider time) : IRecordStore
{
    public async Task<RecordEntry> CreateAsync(
        string formKey, JsonObject data, RecordWriteContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var triggers = registry.For(formKey, RecordTrigger.Created);
        if (triggers.Count == 0)
        {
            return await inner.CreateAsync(formKey, data, context, cancellationToken).ConfigureAwait(false);
        }

        return await InTransactionAsync(
            context,
            async transaction =>
            {
                var created = await inner.CreateAsync(formKey, data, context with { Transaction = transaction }, cancellationToken)
                    .ConfigureAwait(false);
                await QueueAsync(transaction, triggers, created, RecordTrigger.Created, null, context, cancellationToken)
                    .ConfigureAwait(false);
                return created;
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<RecordEntry> UpdateAsync(
        string formKey, long recordId, JsonObject changes, long? expectedVersion, RecordWriteContext context,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var triggers = registry.For(formKey, RecordTrigger.Updated);
        if (triggers.Count == 0)
        {
            return await inner.UpdateAsync(formKey, recordId, changes, expectedVersion, context, cancellationToken)
                .ConfigureAwait(false);
        }

        return await InTransactionAsync(
            context,
            async transaction =>
            {
                var before = await inner.GetAsync(formKey, recordId, transaction, cancellationToken).ConfigureAwait(false);
                var updated = await inner.UpdateAsync(
                    formKey, recordId, changes, expectedVersion, context with { Transaction = transaction }, cancellationToken)
                    .ConfigureAwait(false);
                var changed = ChangedFields(before?.Data, updated.Data);
                if (changed.Count > 0)
                {
                    await QueueAsync(transaction, triggers, updated, RecordTrigger.Updated, changed, context, cancellationToken)
                        .ConfigureAwait(false);
                }

                return updated;
            },
            cancellationToken).ConfigureAwait(false);
    }

    public Task<RecordEntry?> GetAsync(
        string formKey, long recordId, IStorageTransaction? transaction, CancellationToken cancellationToken) =>
        inner.GetAsync(formKey, recordId, transaction, cancellationToken);

    public Task<RecordPage> QueryAsync(RecordQuery query, IStorageTransaction? transaction, CancellationToken cancellationToken) =>
        inner.QueryAsync(query, transaction, cancellationToken);

    public Task SoftDeleteAsync(string formKey, long recordId, RecordWriteContext context, CancellationToken cancellationToken) =>
        inner.SoftDeleteAsync(formKey, recordId, context, cancellationToken);

    private async Task<RecordEntry> InTransactionAsync(
        RecordWriteContext context, Func<IStorageTransaction, Task<RecordEntry>> write, CancellationToken cancellationToken)
    {
        if (context.Transaction is { } open)
        {
            return await write(open).ConfigureAwait(false);
        }

        var transaction = await database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            var entry = await write(transaction).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return entry;
        }
    }

    private async Task QueueAsync(
        IStorageTransaction transaction, IReadOnlyList<RecordTrigger> triggers, RecordEntry entry, string recordEvent,
        IReadOnlyList<string>? changed, RecordWriteContext context, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var messages = new List<OutboxRecord>();
        var depth = context.TriggerDepth + 1;
        foreach (var flowKey in triggers.Where(trigger => Matches(trigger, entry, changed, context))
                     .Select(trigger => trigger.FlowKey)
                     .Distinct(StringComparer.Ordinal))
        {
            if (depth > RecordTriggerChain.MaxDepth)
            {
                // A user's or an import's write has depth 1, so only a record node's write gets here. The fault
                // fails that node with an incident, and its transaction writes nothing.
                throw new FlowFaultException(
                    IncidentKinds.Definition,
                    $"Writing record {entry.Id} of form '{entry.FormKey}' would start flow '{flowKey}' through a record " +
                    $"trigger {depth} times in a row (at most {RecordTriggerChain.MaxDepth}); check for a flow that updates " +
                    "the record that starts it, and limit its trigger with \"fields\" or a condition.");
            }

            messages.Add(new OutboxRecord
            {
                Id = Guid.CreateVersion7(now).ToString("N"),
                Kind = OutboxKinds.RecordTrigger,
                Payload = new JsonObject
                {
                    ["flowKey"] = flowKey,
                    ["formKey"] = entry.FormKey,
                    ["recordId"] = entry.Id,
                    ["recordVersion"] = entry.Version,
                    ["event"] = recordEvent,
                    ["changedFields"] = changed is null ? null : new JsonArray([.. changed.Select(field => (JsonNode)field)]),
                    ["userId"] = context.UserId,
                    ["sourceInstanceId"] = context.InstanceId,
                    ["depth"] = depth,
                    ["data"] = entry.Data.DeepClone(),
                },

                // One start per flow and record version: a repeated delivery finds the instance by this key.
                IdempotencyKey = $"record:{flowKey}:{entry.FormKey}:{entry.Id}:{entry.Version}",
                NextAttemptAt = now,
                CreatedAt = now,
            });
        }

        if (messages.Count > 0)
        {
            await runtimeStore.InsertOutboxAsync(transaction, messages, cancellationToken).ConfigureAwait(false);
        }
    }

    private bool Matches(RecordTrigger trigger, RecordEntry entry, IReadOnlyList<string>? changed, RecordWriteContext context)
    {
        if (changed is not null && trigger.Definition.Fields is { Count: > 0 } fields
            && !fields.Any(field => changed.Contains(field, StringComparer.Ordinal)))
        {
            return false;
        }

        if (trigger.Definition.Condition is not { } condition)
        {
            return true;
        }

        var scope = new ExpressionScope(entry.Data, [], new JsonObject { ["id"] = context.UserId }, [])
        {
            Params = (JsonObject)trigger.Params.DeepClone(),
        };
        try
        {
            return expressions.EvaluateCondition(condition, scope, CancellationToken.None);
        }
        catch (FlowExpressionException exception)
        {
            throw new InvalidOperationException(
                $"The condition of a record trigger of flow '{trigger.FlowKey}' on form '{entry.FormKey}' failed on "
                + $"record {entry.Id}: {exception.Message} Fix the trigger's condition and publish the flow again.",
                exception);
        }
    }

    private static List<string> ChangedFields(JsonObject? before, JsonObject after)
    {
        var keys = new HashSet<string>(after.Select(pair => pair.Key), StringComparer.Ordinal);
        keys.UnionWith(before?.Select(pair => pair.Key) ?? []);
        return [.. keys.Where(key => !JsonNode.DeepEquals(before?[key], after[key])).Order(StringComparer.Ordinal)];
    }
}
