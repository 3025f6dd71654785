using Dapper;
using WorkflowKit.Runtime.Storage;

namespace WorkflowKit.Storage.Sqlite.Runtime;

/// <summary>Timers and the outbox: rows claimed with a lease, so several runners never fire one twice.</summary>
public sealed partial class SqliteRuntimeStore
{
    public async Task InsertTimersAsync(
        IStorageTransaction transaction, IReadOnlyCollection<TimerRecord> timers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(timers);
        await StepCommands.ExecuteAsync(transaction, new CommandDefinition(
            "INSERT INTO wk_timers (id, instance_id, token_id, task_id, kind, due_at, payload_json, status, created_at) " +
            "VALUES (@Id, @InstanceId, @TokenId, @TaskId, @Kind, @DueAt, @PayloadJson, @Status, @CreatedAt)",
            timers.Select(TimerRow.Parameters).ToList(), transaction.Transaction, cancellationToken: cancellationToken))
            .ConfigureAwait(false);
    }

    public async Task CancelTimersAsync(
        IStorageTransaction transaction, string instanceId, IReadOnlyCollection<string>? taskIds,
        IReadOnlyCollection<string>? tokenIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var all = taskIds is null && tokenIds is null;
        var filter = all ? string.Empty : " AND (task_id IN @TaskIds OR (task_id IS NULL AND token_id IN @TokenIds))";

        // The lists are passed only when the filter uses them. StepCommands hands a statement with any list
        // parameter to Dapper, which expands the lists and compiles the statement on every call.
        object parameters = all
            ? new { InstanceId = instanceId }
            : new { InstanceId = instanceId, TaskIds = taskIds ?? [], TokenIds = tokenIds ?? [] };
        await StepCommands.ExecuteAsync(transaction, new CommandDefinition(
            $"UPDATE wk_timers SET status = 'cancelled' WHERE instance_id = @InstanceId AND status = 'pending'{filter}",
            parameters, transaction.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public Task<TimerRecord?> GetTimerAsync(
        IStorageTransaction? transaction, string timerId, CancellationToken cancellationToken) =>
        WithConnectionAsync(transaction, async (connection, tx) =>
        {
            var row = await connection.QuerySingleOrDefaultAsync<TimerRow>(new CommandDefinition(
                $"SELECT {TimerRow.Columns} FROM wk_timers WHERE id = @Id", new { Id = timerId }, tx,
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            return row?.ToRecord();
        }, cancellationToken);

    public Task<IReadOnlyList<TimerRecord>> ClaimDueTimersAsync(
        DateTimeOffset now, string owner, TimeSpan lease, int max, CancellationToken cancellationToken) =>
        InOwnTransactionAsync(async transaction =>
        {
            var rows = await transaction.Connection.QueryAsync<TimerRow>(new CommandDefinition(
                "UPDATE wk_timers SET lease_owner = @Owner, lease_until = @Until WHERE id IN (" +
                "SELECT id FROM wk_timers WHERE status = 'pending' AND due_at <= @Now " +
                "AND (lease_until IS NULL OR lease_until < @Now) ORDER BY due_at LIMIT @Max) " +
                $"RETURNING {TimerRow.Columns}",
                new { Owner = owner, Until = SqlTime.Write(now + lease), Now = SqlTime.Write(now), Max = max },
                transaction.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return (IReadOnlyList<TimerRecord>)[.. rows.Select(row => row.ToRecord()).OrderBy(timer => timer.DueAt)];
        }, cancellationToken);

    public async Task<bool> MarkTimerFiredAsync(
        IStorageTransaction transaction, string timerId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var changed = await StepCommands.ExecuteAsync(transaction, new CommandDefinition(
            "UPDATE wk_timers SET status = 'fired', fired_at = @Now WHERE id = @Id AND status = 'pending'",
            new { Id = timerId, Now = SqlTime.Write(now) }, transaction.Transaction, cancellationToken: cancellationToken))
            .ConfigureAwait(false);
        return changed == 1;
    }

    public Task RescheduleTimerAsync(string timerId, DateTimeOffset dueAt, CancellationToken cancellationToken) =>
        InOwnTransactionAsync(async transaction => await StepCommands.ExecuteAsync(transaction, new CommandDefinition(
            "UPDATE wk_timers SET due_at = @DueAt, lease_owner = NULL, lease_until = NULL WHERE id = @Id AND status = 'pending'",
            new { Id = timerId, DueAt = SqlTime.Write(dueAt) }, transaction.Transaction, cancellationToken: cancellationToken))
            .ConfigureAwait(false), cancellationToken);

    public Task<IReadOnlyList<TimerRecord>> GetTimersAsync(string instanceId, CancellationToken cancellationToken) =>
        WithConnectionAsync(null, async (connection, tx) =>
        {
            var rows = await connection.QueryAsync<TimerRow>(new CommandDefinition(
                $"SELECT {TimerRow.Columns} FROM wk_timers WHERE instance_id = @InstanceId ORDER BY due_at, id",
                new { InstanceId = instanceId }, tx, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return (IReadOnlyList<TimerRecord>)[.. rows.Select(row => row.ToRecord())];
        }, cancellationToken);

    public Task<DateTimeOffset?> GetNextDueAsync(CancellationToken cancellationToken) =>
        WithConnectionAsync(null, async (connection, tx) =>
        {
            var next = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
                "SELECT MIN(due) FROM (SELECT MIN(due_at) AS due FROM wk_timers WHERE status = 'pending' " +
                "UNION ALL SELECT MIN(next_attempt_at) FROM wk_outbox WHERE status = 'pending' " +
                "UNION ALL SELECT MIN(next_due_at) FROM wk_schedules WHERE enabled = 1)",
                transaction: tx, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return SqlTime.ReadOptional(next);
        }, cancellationToken);

    public async Task InsertOutboxAsync(
        IStorageTransaction transaction, IReadOnlyCollection<OutboxRecord> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(messages);
        await StepCommands.ExecuteAsync(transaction, new CommandDefinition(
            "INSERT INTO wk_outbox (id, instance_id, token_id, node_id, kind, channel, payload_json, idempotency_key, " +
            "status, attempts, max_attempts, next_attempt_at, created_at) VALUES (@Id, @InstanceId, @TokenId, @NodeId, " +
            "@Kind, @Channel, @PayloadJson, @IdempotencyKey, @Status, @Attempts, @MaxAttempts, @NextAttemptAt, @CreatedAt)",
            messages.Select(OutboxRow.Parameters).ToList(), transaction.Transaction, cancellationToken: cancellationToken))
            .ConfigureAwait(false);
    }

    public Task<IReadOnlyList<OutboxRecord>> ClaimDueOutboxAsync(
        DateTimeOffset now, string owner, TimeSpan lease, int max, CancellationToken cancellationToken) =>
        InOwnTransactionAsync(async transaction =>
        {
            var rows = await transaction.Connection.QueryAsync<OutboxRow>(new CommandDefinition(
                "UPDATE wk_outbox SET lease_owner = @Owner, lease_until = @Until WHERE id IN (" +
                "SELECT id FROM wk_outbox WHERE status = 'pending' AND next_attempt_at <= @Now " +
                "AND (lease_until IS NULL OR lease_until < @Now) ORDER BY next_attempt_at LIMIT @Max) " +
                $"RETURNING {OutboxRow.Columns}",
                new { Owner = owner, Until = SqlTime.Write(now + lease), Now = SqlTime.Write(now), Max = max },
                transaction.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return (IReadOnlyList<OutboxRecord>)[.. rows.Select(row => row.ToRecord()).OrderBy(message => message.NextAttemptAt)];
        }, cancellationToken);

    public Task<OutboxRecord?> GetOutboxAsync(
        IStorageTransaction? transaction, string messageId, CancellationToken cancellationToken) =>
        WithConnectionAsync(transaction, async (connection, tx) =>
        {
            var row = await connection.QuerySingleOrDefaultAsync<OutboxRow>(new CommandDefinition(
                $"SELECT {OutboxRow.Columns} FROM wk_outbox WHERE id = @Id", new { Id = messageId }, tx,
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            return row?.ToRecord();
        }, cancellationToken);

    public async Task<bool> FinishOutboxAsync(
        IStorageTransaction transaction, string messageId, string status, string? error, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var changed = await StepCommands.ExecuteAsync(transaction, new CommandDefinition(
            "UPDATE wk_outbox SET status = @Status, last_error = COALESCE(@Error, last_error), attempts = attempts + 1, " +
            "delivered_at = @Now, lease_owner = NULL, lease_until = NULL WHERE id = @Id AND status = 'pending'",
            new { Id = messageId, Status = status, Error = error, Now = SqlTime.Write(now) }, transaction.Transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return changed == 1;
    }

    public Task RescheduleOutboxAsync(
        string messageId, int attempts, DateTimeOffset nextAttemptAt, string error, CancellationToken cancellationToken) =>
        InOwnTransactionAsync(async transaction => await StepCommands.ExecuteAsync(transaction, new CommandDefinition(
            "UPDATE wk_outbox SET attempts = @Attempts, next_attempt_at = @Next, last_error = @Error, lease_owner = NULL, " +
            "lease_until = NULL WHERE id = @Id AND status = 'pending'",
            new { Id = messageId, Attempts = attempts, Next = SqlTime.Write(nextAttemptAt), Error = error },
            transaction.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false), cancellationToken);

    public async Task CancelOutboxAsync(IStorageTransaction transaction, string instanceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        await StepCommands.ExecuteAsync(transaction, new CommandDefinition(
            "UPDATE wk_outbox SET status = 'cancelled' WHERE instance_id = @InstanceId AND status = 'pending' AND kind = 'http'",
            new { InstanceId = instanceId }, transaction.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<OutboxRecord>> GetOutboxForInstanceAsync(string instanceId, CancellationToken cancellationToken) =>
        WithConnectionAsync(null, async (connection, tx) =>
        {
            var rows = await connection.QueryAsync<OutboxRow>(new CommandDefinition(
                $"SELECT {OutboxRow.Columns} FROM wk_outbox WHERE instance_id = @InstanceId ORDER BY created_at, id",
                new { InstanceId = instanceId }, tx, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return (IReadOnlyList<OutboxRecord>)[.. rows.Select(row => row.ToRecord())];
        }, cancellationToken);
}
