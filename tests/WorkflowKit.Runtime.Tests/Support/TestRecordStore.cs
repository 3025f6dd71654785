using System.Data.Common;
using System.Text.Json.Nodes;
using Dapper;
using WorkflowKit.Records;

namespace WorkflowKit.Runtime.Tests.Support;

/// <summary>
/// A small SQLite record store for engine tests while the real one is built: records live in the
/// test database and writes go through the step's transaction, so crash tests see exactly what
/// a committed step wrote. Every write is also logged in test_record_writes.
/// </summary>
// NOTE: switch the tests to the SQLite record store of WorkflowKit.Storage.Sqlite once it is merged.
public sealed class TestRecordStore(IDatabase database) : IRecordStore
{
    public static async Task CreateTablesAsync(IDatabase database)
    {
        await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
        await connection.ExecuteAsync(
            "CREATE TABLE IF NOT EXISTS test_records (id INTEGER PRIMARY KEY AUTOINCREMENT, form_key TEXT NOT NULL, " +
            "version INTEGER NOT NULL, data_json TEXT NOT NULL, created_by TEXT NOT NULL, instance_id TEXT NULL, " +
            "deleted INTEGER NOT NULL DEFAULT 0);" +
            "CREATE TABLE IF NOT EXISTS test_record_writes (id INTEGER PRIMARY KEY AUTOINCREMENT, record_id INTEGER NOT NULL, " +
            "kind TEXT NOT NULL, instance_id TEXT NULL);");
    }

    public async Task<RecordEntry> CreateAsync(
        string formKey, JsonObject data, RecordWriteContext context, CancellationToken cancellationToken)
    {
        return await WriteAsync(context.Transaction, async (connection, tx) =>
        {
            var id = await connection.ExecuteScalarAsync<long>(
                "INSERT INTO test_records (form_key, version, data_json, created_by, instance_id) " +
                "VALUES (@FormKey, 1, @Data, @User, @Instance) RETURNING id",
                new { FormKey = formKey, Data = data.ToJsonString(), User = context.UserId, Instance = context.InstanceId }, tx);
            await connection.ExecuteAsync(
                "INSERT INTO test_record_writes (record_id, kind, instance_id) VALUES (@Id, 'create', @Instance)",
                new { Id = id, Instance = context.InstanceId }, tx);
            return Entry(formKey, id, 1, data, context);
        }, cancellationToken);
    }

    public async Task<RecordEntry> UpdateAsync(
        string formKey, long recordId, JsonObject changes, long? expectedVersion, RecordWriteContext context,
        CancellationToken cancellationToken)
    {
        return await WriteAsync(context.Transaction, async (connection, tx) =>
        {
            var current = await GetAsync(connection, tx, formKey, recordId)
                ?? throw new KeyNotFoundException($"Record {recordId} of form '{formKey}' does not exist.");
            if (expectedVersion is { } expected && expected != current.Version)
            {
                throw new ConcurrencyConflictException($"Record {recordId} is at version {current.Version}, not {expected}.");
            }

            var data = (JsonObject)current.Data.DeepClone();
            foreach (var (field, value) in changes)
            {
                data[field] = value?.DeepClone();
            }

            await connection.ExecuteAsync(
                "UPDATE test_records SET data_json = @Data, version = version + 1 WHERE id = @Id",
                new { Id = recordId, Data = data.ToJsonString() }, tx);
            await connection.ExecuteAsync(
                "INSERT INTO test_record_writes (record_id, kind, instance_id) VALUES (@Id, 'update', @Instance)",
                new { Id = recordId, Instance = context.InstanceId }, tx);
            return Entry(formKey, recordId, current.Version + 1, data, context);
        }, cancellationToken);
    }

    public async Task<RecordEntry?> GetAsync(
        string formKey, long recordId, IStorageTransaction? transaction, CancellationToken cancellationToken)
    {
        if (transaction is not null)
        {
            return await GetAsync(transaction.Connection, transaction.Transaction, formKey, recordId);
        }

        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        return await GetAsync(connection, null, formKey, recordId);
    }

    public async Task<RecordPage> QueryAsync(
        RecordQuery query, IStorageTransaction? transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var connection = transaction?.Connection ?? await database.OpenConnectionAsync(cancellationToken);
        try
        {
            var rows = await connection.QueryAsync<(long Id, long Version, string Data)>(
                "SELECT id, version, data_json FROM test_records WHERE form_key = @FormKey AND deleted = 0 ORDER BY id",
                new { query.FormKey }, transaction?.Transaction);
            var items = rows
                .Select(row => Entry(query.FormKey, row.Id, row.Version, JsonNode.Parse(row.Data)!.AsObject(), null))
                .Where(entry => Matches(entry.Data, query))
                .ToList();
            return new RecordPage([.. items.Skip(query.Offset).Take(query.Limit)], items.Count);
        }
        finally
        {
            if (transaction is null)
            {
                await connection.DisposeAsync();
            }
        }
    }

    public Task SoftDeleteAsync(string formKey, long recordId, RecordWriteContext context, CancellationToken cancellationToken) =>
        WriteAsync(context.Transaction, async (connection, tx) =>
            await connection.ExecuteAsync("UPDATE test_records SET deleted = 1 WHERE id = @Id", new { Id = recordId }, tx),
            cancellationToken);

    /// <summary>Counts logged writes of a kind ("create" or "update").</summary>
    public async Task<long> CountWritesAsync(string kind, long? recordId = null)
    {
        await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM test_record_writes WHERE kind = @Kind AND (@Id IS NULL OR record_id = @Id)",
            new { Kind = kind, Id = recordId });
    }

    public async Task<long> CountRecordsAsync(string formKey)
    {
        await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM test_records WHERE form_key = @FormKey", new { FormKey = formKey });
    }

    private static bool Matches(JsonObject data, RecordQuery query) =>
        query.Filter?.Any is not { } groups
        || groups.Any(group => group.All.All(rule =>
            rule.Operator == "eq" && (data[rule.Field]?.ToJsonString() ?? "null") == (rule.Value?.ToJsonString() ?? "null")));

    private async Task<T> WriteAsync<T>(
        IStorageTransaction? transaction, Func<DbConnection, DbTransaction?, Task<T>> work, CancellationToken cancellationToken)
    {
        if (transaction is not null)
        {
            return await work(transaction.Connection, transaction.Transaction);
        }

        await using var own = await database.BeginTransactionAsync(cancellationToken);
        var result = await work(own.Connection, own.Transaction);
        await own.CommitAsync(cancellationToken);
        return result;
    }

    private static async Task<RecordEntry?> GetAsync(DbConnection connection, DbTransaction? tx, string formKey, long id)
    {
        var row = await connection.QuerySingleOrDefaultAsync<(long Id, long Version, string Data, long Deleted)>(
            "SELECT id, version, data_json, deleted FROM test_records WHERE id = @Id AND form_key = @FormKey",
            new { Id = id, FormKey = formKey }, tx);
        return row.Id == 0
            ? null
            : Entry(formKey, row.Id, row.Version, JsonNode.Parse(row.Data)!.AsObject(), null) with { Deleted = row.Deleted != 0 };
    }

    private static RecordEntry Entry(string formKey, long id, long version, JsonObject data, RecordWriteContext? context) =>
        new(formKey, id, version, data, null, context?.UserId ?? "test", default, default, context?.InstanceId, false);
}
