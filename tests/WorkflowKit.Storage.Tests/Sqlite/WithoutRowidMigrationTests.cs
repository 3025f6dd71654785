using System.Data.Common;
using System.Globalization;
using Dapper;
using WorkflowKit.Storage.Sqlite;

namespace WorkflowKit.Storage.Tests.Sqlite;

/// <summary>
/// Migration 4130, which rebuilds wk_tokens, wk_tasks, wk_variables and wk_notifications as WITHOUT ROWID
/// tables on SQLite, on a store that already contains rows.
/// </summary>
public sealed class WithoutRowidMigrationTests
{
    private const int WithoutRowidVersion = 4130;

    private const string Time = "2025-03-03T01:00:00.0000000Z";

    private static readonly string[] RebuiltTables = ["wk_tokens", "wk_tasks", "wk_variables", "wk_notifications"];

    [Test]
    public async Task Migration_keeps_rows_and_references()
    {
        await using var test = await TestDatabase.CreateAsync(StorageProvider.Sqlite, migrate: false);
        await using var connection = await test.Database.OpenConnectionAsync(default);
        await MigrateBeforeAsync(connection);
        await SeedAsync(connection);
        var before = new Dictionary<string, List<string>>();
        foreach (var table in RebuiltTables.Append("wk_task_assignees"))
        {
            before[table] = await SnapshotAsync(connection, $"SELECT * FROM {table} ORDER BY 1, 2");
        }

        await SqliteMigrator.MigrateAsync((SqliteDatabase)test.Database, CancellationToken.None);

        foreach (var (table, rows) in before)
        {
            Assert.That(await SnapshotAsync(connection, $"SELECT * FROM {table} ORDER BY 1, 2"), Is.EqualTo(rows), table);
        }

        Assert.That(await connection.QueryAsync("PRAGMA foreign_key_check"), Is.Empty);
    }

    [Test]
    public async Task Migration_keeps_foreign_keys()
    {
        await using var test = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var connection = await test.Database.OpenConnectionAsync(default);

        var insertOrphanTask = () => connection.ExecuteAsync(
            "INSERT INTO wk_tasks (id, instance_id, token_id, visit_id, node_id, flow_key, flow_version, kind, status, " +
            "assignee, original_assignee, seq, version, created_at) VALUES ('k9', 'missing', 't1', 'v1', 'review', " +
            $"'order-flow', 1, 'approval', 'open', 'bob', 'bob', 1, 1, '{Time}')");

        Assert.ThrowsAsync(Is.InstanceOf<DbException>(), () => insertOrphanTask());
    }

    [Test]
    public async Task Migration_leaves_tables_without_rowid()
    {
        await using var test = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var connection = await test.Database.OpenConnectionAsync(default);

        var withoutRowid = await connection.QueryAsync<string>(
            "SELECT name FROM pragma_table_list WHERE schema = 'main' AND wr = 1 AND name LIKE 'wk_%' ORDER BY name");
        var automaticIndexes = await connection.QueryAsync<string>(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'sqlite_autoindex_wk_%'");

        Assert.That(withoutRowid, Is.SupersetOf(RebuiltTables));
        foreach (var table in RebuiltTables)
        {
            Assert.That(automaticIndexes, Has.None.StartsWith($"sqlite_autoindex_{table}_"), table);
        }
    }

    [TestCase("SELECT * FROM wk_tasks WHERE id = @Key", "SEARCH wk_tasks USING PRIMARY KEY (id=?)")]
    [TestCase(
        "SELECT * FROM wk_tasks WHERE 1 = 1 AND assignee = @Key AND status = 'open' " +
        "ORDER BY created_at, seq LIMIT 50 OFFSET 0", "USING INDEX ix_wk_tasks_assignee (assignee=? AND status=?)")]
    [TestCase("SELECT * FROM wk_tasks WHERE instance_id = @Key ORDER BY seq", "USING INDEX ix_wk_tasks_instance")]
    [TestCase("SELECT * FROM wk_tokens WHERE instance_id = @Key ORDER BY seq", "USING INDEX ix_wk_tokens_instance")]
    [TestCase(
        "SELECT name, value_json FROM wk_variables WHERE instance_id = @Key ORDER BY name",
        "SEARCH wk_variables USING PRIMARY KEY (instance_id=?)")]
    [TestCase(
        "SELECT * FROM wk_notifications WHERE user_id = @Key ORDER BY created_at DESC, id DESC LIMIT 20",
        "USING INDEX ix_wk_notifications_user (user_id=?)")]
    public async Task Lookup_uses_index(string sql, string expected)
    {
        await using var test = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var connection = await test.Database.OpenConnectionAsync(default);

        var rows = await connection.QueryAsync<(long Id, long Parent, long NotUsed, string Detail)>(
            "EXPLAIN QUERY PLAN " + sql, new { Key = "bob" });
        var plan = string.Join("\n", rows.Select(row => row.Detail));

        Assert.That(plan, Does.Contain(expected));
    }

    /// <summary>Applies the migrations numbered below 4130 and records them, as an older store would have.</summary>
    private static async Task MigrateBeforeAsync(DbConnection connection)
    {
        await connection.ExecuteAsync(
            "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
        foreach (var migration in SqliteMigrator.LoadMigrations().Where(migration => migration.Version < WithoutRowidVersion))
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await connection.ExecuteAsync(migration.Sql, transaction: transaction);
            await connection.ExecuteAsync(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, @AppliedAt)",
                new { migration.Version, migration.Name, AppliedAt = Time }, transaction);
            await transaction.CommitAsync();
        }
    }

    /// <summary>
    /// Writes two instances with a token, two tasks (one completed), an assignee row that references a
    /// task, two variables and two notifications.
    /// </summary>
    private static async Task SeedAsync(DbConnection connection)
    {
        foreach (var id in new[] { "i1", "i2" })
        {
            await connection.ExecuteAsync(
                "INSERT INTO wk_instances (id, flow_key, flow_version, status, trigger_kind, initiator, form_json, " +
                $"state_json, version, started_at, updated_at) VALUES (@Id, 'order-flow', 1, 'running', 'manual', " +
                $"'alice', '{{\"amount\":\"12.50\"}}', '{{}}', 1, '{Time}', '{Time}')",
                new { Id = id });
        }

        await connection.ExecuteAsync(
            "INSERT INTO wk_tokens (id, instance_id, node_id, status, scope, trail_json, wait_kind, seq, created_at, " +
            $"updated_at) VALUES ('t1', 'i1', 'review', 'waiting', '', '[\"start\"]', 'task', 1, '{Time}', '{Time}')");
        await connection.ExecuteAsync(
            "INSERT INTO wk_tasks (id, instance_id, token_id, visit_id, node_id, flow_key, flow_version, kind, status, " +
            "assignee, original_assignee, seq, version, created_at, completed_at, completed_by) VALUES " +
            "('k1', 'i1', 't1', 'v1', 'review', 'order-flow', 1, 'approval', 'completed', 'bob', 'bob', 1, 2, " +
            $"'{Time}', '{Time}', 'bob'), " +
            "('k2', 'i2', 't1', 'v2', 'review', 'order-flow', 1, 'approval', 'open', 'carol', 'carol', 1, 1, " +
            $"'{Time}', NULL, NULL)");
        await connection.ExecuteAsync(
            "INSERT INTO wk_task_assignees (task_id, instance_id, user_id, reason, assigned_at) " +
            $"VALUES ('k2', 'i2', 'carol', 'node', '{Time}')");
        await connection.ExecuteAsync(
            "INSERT INTO wk_variables (instance_id, name, value_json) VALUES ('i1', 'approved', 'true'), " +
            "('i1', 'limit', '\"5000.00\"')");
        await connection.ExecuteAsync(
            "INSERT INTO wk_notifications (id, user_id, instance_id, node_id, task_id, kind, message_json, created_at, " +
            $"read_at) VALUES ('n1', 'bob', 'i1', 'review', 'k1', 'task', '{{\"text\":\"review\"}}', '{Time}', '{Time}'), " +
            $"('n2', 'carol', 'i2', 'review', 'k2', 'task', NULL, '{Time}', NULL)");
    }

    /// <summary>Reads every row of a query as text, one line per row with each column's name and value.</summary>
    private static async Task<List<string>> SnapshotAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join(", ", Enumerable.Range(0, reader.FieldCount).Select(i =>
                $"{reader.GetName(i)}={Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)}")));
        }

        return rows;
    }
}
