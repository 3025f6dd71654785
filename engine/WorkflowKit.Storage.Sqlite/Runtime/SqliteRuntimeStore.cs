using System.Data.Common;
using System.Text;
using System.Text.Json.Nodes;
using Dapper;
using WorkflowKit.Runtime.Instances;
using WorkflowKit.Runtime.Storage;
using WorkflowKit.Runtime.Tasks;
using WorkflowKit.Storage.Relational.Runtime;

namespace WorkflowKit.Storage.Sqlite.Runtime;

/// <summary>
/// The runtime store on SQLite (migration 2000). The SQL stays portable where it can: upserts use
/// <c>ON CONFLICT</c>, claims use <c>UPDATE ... RETURNING</c>, times are sortable UTC text.
/// </summary>
public sealed partial class SqliteRuntimeStore(IDatabase database) : IRuntimeStore
{
    private readonly IDatabase _database = database ?? throw new ArgumentNullException(nameof(database));

    public async Task InsertInstanceAsync(
        IStorageTransaction transaction, InstanceRecord instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(instance);
        await StepCommands.ExecuteAsync(transaction, new CommandDefinition(
            "INSERT INTO wk_instances (id, flow_key, flow_version, status, trigger_kind, initiator, idempotency_key, " +
            "parent_instance_id, parent_token_id, form_json, state_json, end_node_id, acted, version, started_at, " +
            "updated_at, ended_at) VALUES (@Id, @FlowKey, @FlowVersion, @Status, @TriggerKind, @Initiator, " +
            "@IdempotencyKey, @ParentInstanceId, @ParentTokenId, @FormJson, @StateJson, @EndNodeId, @Acted, @Version, " +
            "@StartedAt, @UpdatedAt, @EndedAt)",
            InstanceRow.Parameters(instance), transaction.Transaction, cancellationToken: cancellationToken))
            .ConfigureAwait(false);
    }

    public Task<InstanceRecord?> GetInstanceAsync(
        IStorageTransaction? transaction, string instanceId, CancellationToken cancellationToken) =>
        FindInstanceAsync(transaction, "id = @Key", instanceId, cancellationToken);

    public Task<InstanceRecord?> FindInstanceByIdempotencyKeyAsync(
        IStorageTransaction? transaction, string idempotencyKey, CancellationToken cancellationToken) =>
        FindInstanceAsync(transaction, "idempotency_key = @Key", idempotencyKey, cancellationToken);

    private Task<InstanceRecord?> FindInstanceAsync(
        IStorageTransaction? transaction, string where, string key, CancellationToken cancellationToken) =>
        WithConnectionAsync(transaction, async (connection, tx) =>
        {
            var rows = await StepCommands.QueryAsync<InstanceRow>(connection, tx, new CommandDefinition(
                $"SELECT {InstanceRow.Columns} FROM wk_instances WHERE {where}", new { Key = key }, tx,
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            return rows.SingleOrDefault()?.ToRecord();
        }, cancellationToken);

    public async Task UpdateInstanceAsync(
        IStorageTransaction transaction, InstanceRecord instance, long expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(instance);
        var changed = await StepCommands.ExecuteAsync(
            transaction,
            "UPDATE wk_instances SET status = @Status, form_json = @FormJson, state_json = @StateJson, " +
            "end_node_id = @EndNodeId, acted = @Acted, version = @Expected + 1, updated_at = @UpdatedAt, " +
            "ended_at = @EndedAt WHERE id = @Id AND version = @Expected",
            [.. StepCommands.Values(InstanceRow.Parameters(instance)), ("@Expected", expectedVersion)],
            cancellationToken).ConfigureAwait(false);
        if (changed == 0)
        {
            var actual = await transaction.Connection.ExecuteScalarAsync<long?>(new CommandDefinition(
                "SELECT version FROM wk_instances WHERE id = @Id", new { instance.Id }, transaction.Transaction,
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            throw new ConcurrencyConflictException(
                $"Instance {instance.Id} changed while this step ran (expected version {expectedVersion}, " +
                $"found {actual?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no row"}); reload and try again.")
            {
                Subject = $"instance {instance.Id}",
                ExpectedVersion = expectedVersion,
                ActualVersion = actual,
            };
        }
    }

    public async Task<long?> LockInstanceAsync(
        IStorageTransaction transaction, string instanceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        return await transaction.Connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT version FROM wk_instances WHERE id = @Id", new { Id = instanceId }, transaction.Transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<InstanceRecord>> QueryInstancesAsync(InstanceQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var sql = new StringBuilder($"SELECT {InstanceRow.Columns} FROM wk_instances WHERE 1 = 1");
        sql.Append(query.FlowKey is null ? string.Empty : " AND flow_key = @FlowKey");
        sql.Append(query.Status is null ? string.Empty : " AND status = @Status");
        sql.Append(query.Initiator is null ? string.Empty : " AND initiator = @Initiator");
        sql.Append(query.ParentInstanceId is null ? string.Empty : " AND parent_instance_id = @ParentInstanceId");
        sql.Append(query.TriggerKind is null ? string.Empty : " AND trigger_kind = @TriggerKind");
        sql.Append(" ORDER BY started_at DESC, id DESC LIMIT @Limit OFFSET @Offset");
        return await WithConnectionAsync(null, async (connection, tx) =>
        {
            var rows = await StepCommands.QueryAsync<InstanceRow>(connection, tx, new CommandDefinition(
                sql.ToString(), query, tx, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return (IReadOnlyList<InstanceRecord>)[.. rows.Select(row => row.ToRecord())];
        }, cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<TokenRecord>> GetTokensAsync(
        IStorageTransaction? transaction, string instanceId, bool liveOnly, CancellationToken cancellationToken) =>
        WithConnectionAsync(transaction, async (connection, tx) =>
        {
            var live = liveOnly ? " AND status IN ('active', 'waiting')" : string.Empty;
            var rows = await StepCommands.QueryAsync<TokenRow>(connection, tx, new CommandDefinition(
                $"SELECT {TokenRow.Columns} FROM wk_tokens WHERE instance_id = @InstanceId{live} ORDER BY seq",
                new { InstanceId = instanceId }, tx, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return (IReadOnlyList<TokenRecord>)[.. rows.Select(row => row.ToRecord())];
        }, cancellationToken);

    public async Task SaveTokensAsync(
        IStorageTransaction transaction, IReadOnlyCollection<TokenRecord> tokens, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(tokens);
        await StepCommands.ExecuteAsync(transaction, new CommandDefinition(
            "INSERT INTO wk_tokens (id, instance_id, node_id, status, edge_id, scope, trail_json, wait_kind, wait_ref, " +
            "wait_state_json, visit_id, seq, created_at, updated_at) VALUES (@Id, @InstanceId, @NodeId, @Status, " +
            "@EdgeId, @Scope, @TrailJson, @WaitKind, @WaitRef, @WaitStateJson, @VisitId, @Seq, @CreatedAt, @UpdatedAt) " +
            "ON CONFLICT (id) DO UPDATE SET node_id = excluded.node_id, status = excluded.status, " +
            "edge_id = excluded.edge_id, scope = excluded.scope, trail_json = excluded.trail_json, " +
            "wait_kind = excluded.wait_kind, wait_ref = excluded.wait_ref, wait_state_json = excluded.wait_state_json, " +
            "visit_id = excluded.visit_id, updated_at = excluded.updated_at",
            tokens.Select(TokenRow.Parameters).ToList(), transaction.Transaction, cancellationToken: cancellationToken))
            .ConfigureAwait(false);
    }

    public Task<TaskRecord?> GetTaskAsync(IStorageTransaction? transaction, string taskId, CancellationToken cancellationToken) =>
        WithConnectionAsync(transaction, async (connection, tx) =>
        {
            var rows = await StepCommands.QueryAsync<TaskRow>(connection, tx, new CommandDefinition(
                $"SELECT {TaskRow.Columns} FROM wk_tasks WHERE id = @Id", new { Id = taskId }, tx,
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            return rows.SingleOrDefault()?.ToRecord();
        }, cancellationToken);

    public Task<IReadOnlyList<TaskRecord>> GetTasksAsync(
        IStorageTransaction? transaction, string instanceId, bool openOnly, CancellationToken cancellationToken) =>
        WithConnectionAsync(transaction, async (connection, tx) =>
        {
            var open = openOnly ? " AND status = 'open'" : string.Empty;
            var rows = await StepCommands.QueryAsync<TaskRow>(connection, tx, new CommandDefinition(
                $"SELECT {TaskRow.Columns} FROM wk_tasks WHERE instance_id = @InstanceId{open} ORDER BY seq",
                new { InstanceId = instanceId }, tx, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return (IReadOnlyList<TaskRecord>)[.. rows.Select(row => row.ToRecord())];
        }, cancellationToken);

    public async Task SaveTasksAsync(
        IStorageTransaction transaction, IReadOnlyCollection<TaskRecord> tasks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(tasks);
        await StepCommands.ExecuteAsync(transaction, new CommandDefinition(
            "INSERT INTO wk_tasks (id, instance_id, token_id, visit_id, node_id, flow_key, flow_version, kind, status, " +
            "assignee, original_assignee, outcome, comment, seq, version, created_at, due_at, completed_at, completed_by) " +
            "VALUES (@Id, @InstanceId, @TokenId, @VisitId, @NodeId, @FlowKey, @FlowVersion, @Kind, @Status, @Assignee, " +
            "@OriginalAssignee, @Outcome, @Comment, @Seq, @Version, @CreatedAt, @DueAt, @CompletedAt, @CompletedBy) " +
            "ON CONFLICT (id) DO UPDATE SET status = excluded.status, assignee = excluded.assignee, " +
            "outcome = excluded.outcome, comment = excluded.comment, version = excluded.version, " +
            "due_at = excluded.due_at, completed_at = excluded.completed_at, completed_by = excluded.completed_by",
            tasks.Select(TaskRow.Parameters).ToList(), transaction.Transaction, cancellationToken: cancellationToken))
            .ConfigureAwait(false);

        // A closed task's drafts, and the drafts of users who no longer hold an open task, go in the same transaction.
        await StepCommands.ExecuteAsync(transaction, new CommandDefinition(
            FormDraftCleanup.DeleteForTasksSql,
            tasks.Select(FormDraftCleanup.Parameters).ToList(), transaction.Transaction, cancellationToken: cancellationToken))
            .ConfigureAwait(false);
    }

    public async Task InsertTaskAssignmentsAsync(
        IStorageTransaction transaction, IReadOnlyCollection<TaskAssignment> assignments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(assignments);
        await StepCommands.ExecuteAsync(transaction, new CommandDefinition(
            "INSERT INTO wk_task_assignees (task_id, instance_id, user_id, reason, assigned_by, assigned_at) " +
            "VALUES (@TaskId, @InstanceId, @UserId, @Reason, @By, @At)",
            assignments.Select(item => new { item.TaskId, item.InstanceId, item.UserId, item.Reason, item.By, At = SqlTime.Write(item.At) })
                .ToList(),
            transaction.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<TaskAssignment>> GetTaskAssignmentsAsync(string taskId, CancellationToken cancellationToken) =>
        WithConnectionAsync(null, async (connection, tx) =>
        {
            var rows = await connection.QueryAsync<AssignmentRow>(new CommandDefinition(
                $"SELECT {AssignmentRow.Columns} FROM wk_task_assignees WHERE task_id = @TaskId ORDER BY id",
                new { TaskId = taskId }, tx, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return (IReadOnlyList<TaskAssignment>)[.. rows.Select(row => row.ToAssignment())];
        }, cancellationToken);

    public async Task<IReadOnlyList<TaskRecord>> QueryTasksAsync(TaskQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var sql = new StringBuilder($"SELECT {TaskRow.Columns} FROM wk_tasks WHERE 1 = 1");
        sql.Append(query.Assignee is null ? string.Empty : " AND assignee = @Assignee");
        sql.Append(query.InstanceId is null ? string.Empty : " AND instance_id = @InstanceId");
        sql.Append(query.NodeId is null ? string.Empty : " AND node_id = @NodeId");
        sql.Append(query.Status is null ? string.Empty : " AND status = @Status");
        sql.Append(" ORDER BY created_at, seq LIMIT @Limit OFFSET @Offset");
        return await WithConnectionAsync(null, async (connection, tx) =>
        {
            var rows = await StepCommands.QueryAsync<TaskRow>(connection, tx, new CommandDefinition(
                sql.ToString(), query, tx, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return (IReadOnlyList<TaskRecord>)[.. rows.Select(row => row.ToRecord())];
        }, cancellationToken).ConfigureAwait(false);
    }

    public Task<JsonObject> GetVariablesAsync(
        IStorageTransaction? transaction, string instanceId, CancellationToken cancellationToken) =>
        WithConnectionAsync(transaction, async (connection, tx) =>
        {
            var rows = await StepCommands.QueryAsync<(string Name, string Value)>(connection, tx, new CommandDefinition(
                "SELECT name, value_json FROM wk_variables WHERE instance_id = @InstanceId ORDER BY name",
                new { InstanceId = instanceId }, tx, cancellationToken: cancellationToken)).ConfigureAwait(false);
            var vars = new JsonObject();
            foreach (var (name, value) in rows)
            {
                vars[name] = JsonNode.Parse(value);
            }

            return vars;
        }, cancellationToken);

    public async Task SaveVariablesAsync(
        IStorageTransaction transaction, string instanceId, IReadOnlyDictionary<string, JsonNode?> variables,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(variables);
        await StepCommands.ExecuteAsync(transaction, new CommandDefinition(
            "INSERT INTO wk_variables (instance_id, name, value_json) VALUES (@InstanceId, @Name, @Value) " +
            "ON CONFLICT (instance_id, name) DO UPDATE SET value_json = excluded.value_json",
            variables.Select(pair => new { InstanceId = instanceId, Name = pair.Key, Value = SqlJson.Write(pair.Value) }).ToList(),
            transaction.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs a read in <paramref name="transaction"/>, or without one in a read transaction of its own:
    /// <see cref="SqliteDatabase"/> keeps those connections open, so their statements stay prepared.
    /// Only reads may go through here without a transaction, because that connection is read-only.
    /// </summary>
    private async Task<T> WithConnectionAsync<T>(
        IStorageTransaction? transaction, Func<DbConnection, DbTransaction?, Task<T>> work, CancellationToken cancellationToken)
    {
        if (transaction is not null)
        {
            return await work(transaction.Connection, transaction.Transaction).ConfigureAwait(false);
        }

        var read = await _database.BeginReadTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (read.ConfigureAwait(false))
        {
            return await work(read.Connection, read.Transaction).ConfigureAwait(false);
        }
    }

    private async Task<T> InOwnTransactionAsync<T>(
        Func<IStorageTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        var transaction = await _database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            var result = await work(transaction).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return result;
        }
    }
}
