using System.Globalization;
using System.Text.Json;
using Dapper;
using WorkflowKit.Runtime.Delegations;

namespace WorkflowKit.Storage.Relational.Runtime;

/// <summary>
/// Delegations in table <c>wk_delegations</c> (migration 4120). An insert checks for overlaps inside its transaction,
/// where an overlap is a shared period and a shared flow (<see cref="Delegation.SharesFlowsWith"/>):
/// SQLite runs one write transaction at a time, and on PostgreSQL an advisory lock per user keeps two nodes from
/// inserting overlapping periods of one user at once.
/// </summary>
public abstract class RelationalDelegationStore : IDelegationStore
{
    private const string Columns =
        "id, user_id, delegate_id, starts_at, ends_at, {0} AS flow_keys, note, move_open_tasks, created_by, " +
        "created_at, ended_at, ended_by, open_tasks_moved_at";

    // A delegation ended before its start covered nothing, so it overlaps nothing either.
    private const string Overlapping =
        "starts_at < @EndsAt AND ends_at > @StartsAt AND (ended_at IS NULL OR (ended_at > @StartsAt AND ended_at > starts_at))";

    private const string InForce = "starts_at <= @At AND ends_at > @At AND (ended_at IS NULL OR ended_at > @At)";

    private readonly IDatabase _database;
    private readonly string _columns;

    protected RelationalDelegationStore(IDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
        _columns = string.Format(CultureInfo.InvariantCulture, Columns, RelationalSql.JsonText(database.Dialect, "flow_keys"));
    }

    private SqlDialect Dialect => _database.Dialect;

    public async Task<IReadOnlyList<Delegation>> ListInForceAsync(
        IStorageTransaction? transaction, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var sql = $"SELECT {_columns} FROM wk_delegations WHERE {InForce} ORDER BY {RelationalSql.Ordinal(Dialect, "id")}";
        var parameters = new { At = RelationalSql.Timestamp(Dialect, at) };
        if (transaction is not null)
        {
            var rows = await transaction.Connection.QueryAsync<DelegationRow>(new CommandDefinition(
                sql, parameters, transaction.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return [.. rows.Select(ToDelegation)];
        }

        return await QueryAsync(sql, parameters, cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<Delegation>> ListForUserAsync(string userId, CancellationToken cancellationToken) =>
        QueryAsync(
            $"SELECT {_columns} FROM wk_delegations WHERE user_id = @UserId ORDER BY starts_at DESC, id",
            new { UserId = userId }, cancellationToken);

    public Task<IReadOnlyList<Delegation>> ListAllAsync(CancellationToken cancellationToken) =>
        QueryAsync($"SELECT {_columns} FROM wk_delegations ORDER BY starts_at DESC, id", null, cancellationToken);

    public async Task<Delegation?> FindAsync(string id, CancellationToken cancellationToken) =>
        (await QueryAsync($"SELECT {_columns} FROM wk_delegations WHERE id = @Id", new { Id = id }, cancellationToken)
            .ConfigureAwait(false)).SingleOrDefault();

    public async Task<Delegation?> InsertAsync(Delegation delegation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delegation);
        await using var transaction = await _database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        if (Dialect == SqlDialect.PostgreSql)
        {
            await transaction.Connection.ExecuteAsync(new CommandDefinition(
                "SELECT pg_advisory_xact_lock(hashtext('wk_delegations:' || @UserId))",
                new { delegation.UserId }, transaction.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        var period = new
        {
            delegation.UserId,
            StartsAt = RelationalSql.Timestamp(Dialect, delegation.StartsAt),
            EndsAt = RelationalSql.Timestamp(Dialect, delegation.EndsAt),
        };
        var overlapping = await transaction.Connection.QueryAsync<DelegationRow>(new CommandDefinition(
            $"SELECT {_columns} FROM wk_delegations WHERE user_id = @UserId AND {Overlapping} ORDER BY starts_at",
            period, transaction.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (overlapping.Select(ToDelegation).FirstOrDefault(other => other.SharesFlowsWith(delegation)) is { } other)
        {
            return other;
        }

        await transaction.Connection.ExecuteAsync(new CommandDefinition(
            $"""
            INSERT INTO wk_delegations (id, user_id, delegate_id, starts_at, ends_at, flow_keys, note, move_open_tasks,
                created_by, created_at)
            VALUES (@Id, @UserId, @DelegateId, @StartsAt, @EndsAt, {RelationalSql.JsonValue(Dialect, "FlowKeys")}, @Note,
                @MoveOpenTasks, @CreatedBy, @CreatedAt)
            """,
            new
            {
                delegation.Id,
                delegation.UserId,
                delegation.DelegateId,
                period.StartsAt,
                period.EndsAt,
                FlowKeys = JsonSerializer.Serialize(delegation.FlowKeys),
                delegation.Note,
                MoveOpenTasks = delegation.MoveOpenTasks ? 1 : 0,
                delegation.CreatedBy,
                CreatedAt = RelationalSql.Timestamp(Dialect, delegation.CreatedAt),
            },
            transaction.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return null;
    }

    public async Task<bool> EndAsync(string id, string endedBy, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE wk_delegations SET ended_at = @At, ended_by = @EndedBy " +
            "WHERE id = @Id AND ended_at IS NULL AND ends_at > @At",
            new { Id = id, EndedBy = endedBy, At = RelationalSql.Timestamp(Dialect, at) },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return changed == 1;
    }

    public async Task<IReadOnlyList<Delegation>> ClaimOpenTaskMovesAsync(
        DateTimeOffset at, TimeSpan lease, CancellationToken cancellationToken)
    {
        // One UPDATE ... RETURNING claims each row once: a second node's UPDATE finds the lease running. PostgreSQL
        // evaluates the WHERE again on a row that a concurrent UPDATE changed, so the two cannot both claim it.
        await using var transaction = await _database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await transaction.Connection.QueryAsync<DelegationRow>(new CommandDefinition(
            $"UPDATE wk_delegations SET open_tasks_lease_until = @Until " +
            $"WHERE move_open_tasks = 1 AND open_tasks_moved_at IS NULL " +
            $"AND (open_tasks_lease_until IS NULL OR open_tasks_lease_until <= @At) AND {InForce} RETURNING {_columns}",
            new { At = RelationalSql.Timestamp(Dialect, at), Until = RelationalSql.Timestamp(Dialect, at + lease) },
            transaction.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var claimed = rows.Select(ToDelegation).ToList();
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return claimed;
    }

    public async Task CompleteOpenTaskMovesAsync(string id, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE wk_delegations SET open_tasks_moved_at = @At, open_tasks_lease_until = NULL WHERE id = @Id",
            new { Id = id, At = RelationalSql.Timestamp(Dialect, at) },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<Delegation>> QueryAsync(string sql, object? parameters, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<DelegationRow>(new CommandDefinition(
            sql, parameters, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(ToDelegation)];
    }

    private static Delegation ToDelegation(DelegationRow row) => new()
    {
        Id = row.id,
        UserId = row.user_id,
        DelegateId = row.delegate_id,
        StartsAt = ReadTime(row.starts_at)!.Value,
        EndsAt = ReadTime(row.ends_at)!.Value,
        FlowKeys = JsonSerializer.Deserialize<List<string>>(row.flow_keys) ?? [],
        Note = row.note,
        MoveOpenTasks = Convert.ToInt64(row.move_open_tasks, CultureInfo.InvariantCulture) == 1,
        CreatedBy = row.created_by,
        CreatedAt = ReadTime(row.created_at)!.Value,
        EndedAt = ReadTime(row.ended_at),
        EndedBy = row.ended_by,
        OpenTasksMovedAt = ReadTime(row.open_tasks_moved_at),
    };

    // PostgreSQL returns timestamptz as a UTC DateTime, SQLite the stored ISO 8601 text.
    private static DateTimeOffset? ReadTime(object? value) => value switch
    {
        null or DBNull => null,
        DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc), TimeSpan.Zero),
        DateTimeOffset time => time.ToUniversalTime(),
        string text => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUniversalTime(),
        _ => throw new InvalidOperationException($"Unexpected timestamp value of type {value.GetType().Name} in wk_delegations."),
    };

#pragma warning disable IDE1006, SA1300 // Dapper maps the snake_case columns by name.
    private sealed class DelegationRow
    {
        public string id { get; set; } = string.Empty;

        public string user_id { get; set; } = string.Empty;

        public string delegate_id { get; set; } = string.Empty;

        public object starts_at { get; set; } = null!;

        public object ends_at { get; set; } = null!;

        public string flow_keys { get; set; } = "[]";

        public string? note { get; set; }

        public object move_open_tasks { get; set; } = 0;

        public string created_by { get; set; } = string.Empty;

        public object created_at { get; set; } = null!;

        public object? ended_at { get; set; }

        public string? ended_by { get; set; }

        public object? open_tasks_moved_at { get; set; }
    }
#pragma warning restore IDE1006, SA1300
}
