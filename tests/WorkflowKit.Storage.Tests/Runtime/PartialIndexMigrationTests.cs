using System.Data.Common;
using System.Globalization;
using Dapper;
using WorkflowKit.Runtime.Participation;
using WorkflowKit.Storage.PostgreSql;
using WorkflowKit.Storage.Sqlite;

namespace WorkflowKit.Storage.Tests.Runtime;

/// <summary>
/// Migration 4101, which turns the indexes on idempotency_key, parent_instance_id and completed_by
/// into partial indexes without NULL entries, on a store that already contains rows.
/// </summary>
[TestFixture(StorageProvider.Sqlite)]
[TestFixture(StorageProvider.PostgreSql)]
public sealed class PartialIndexMigrationTests(StorageProvider provider)
{
    private const int PartialIndexVersion = 4101;

    /// <summary>A time that SQLite stores as written and PostgreSQL reads as a TIMESTAMPTZ literal.</summary>
    private const string Time = "2025-03-03T01:00:00.0000000Z";

    private static readonly string[] PartialIndexes =
        ["ux_wk_instances_idempotency_key", "ix_wk_instances_parent", "ix_wk_tasks_completed_by"];

    [Test]
    public async Task Migration_keeps_rows_and_references()
    {
        await using var test = await TestDatabase.CreateAsync(provider, migrate: false);
        await using var connection = await test.Database.OpenConnectionAsync(default);
        await MigrateBeforePartialIndexesAsync(connection);
        await SeedAsync(connection);
        var instancesBefore = await SnapshotAsync(connection, InstancesSnapshotSql());
        var tasksBefore = await SnapshotAsync(connection, "SELECT * FROM wk_tasks ORDER BY id");

        await MigrateAsync(test.Database);

        Assert.That(await SnapshotAsync(connection, InstancesSnapshotSql()), Is.EqualTo(instancesBefore));
        Assert.That(await SnapshotAsync(connection, "SELECT * FROM wk_tasks ORDER BY id"), Is.EqualTo(tasksBefore));
        if (provider == StorageProvider.Sqlite)
        {
            Assert.That(await connection.QueryAsync("PRAGMA foreign_key_check"), Is.Empty);
        }
    }

    [Test]
    public async Task Migration_keeps_idempotency_keys_unique()
    {
        await using var test = await TestDatabase.CreateAsync(provider, migrate: false);
        await using var connection = await test.Database.OpenConnectionAsync(default);
        await MigrateBeforePartialIndexesAsync(connection);
        await SeedAsync(connection);

        await MigrateAsync(test.Database);

        Assert.ThrowsAsync(Is.InstanceOf<DbException>(), () => InsertInstanceAsync(connection, "i9", "key-1", null));
        Assert.DoesNotThrowAsync(() => InsertInstanceAsync(connection, "i10", null, null));
        Assert.DoesNotThrowAsync(() => InsertInstanceAsync(connection, "i11", null, null));
    }

    [Test]
    public async Task Migration_leaves_null_free_indexes_only()
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await using var connection = await test.Database.OpenConnectionAsync(default);

        var definitions = (await connection.QueryAsync<(string Name, string Definition)>(IndexDefinitionsSql()))
            .ToDictionary(index => index.Name, index => index.Definition);
        var uniqueConstraints = await connection.QueryAsync<string>(UniqueConstraintsSql());

        foreach (var name in PartialIndexes)
        {
            Assert.That(definitions, Does.ContainKey(name));
            Assert.That(definitions[name], Does.Contain("WHERE").IgnoreCase.And.Contain("IS NOT NULL").IgnoreCase,
                $"index {name}");
        }

        Assert.That(uniqueConstraints, Is.Empty, "unique constraints on wk_instances besides its primary key");
        Assert.That(definitions["ix_wk_audit_actor"], Does.Contain("<> 'system'"), "the engine's lines stay out of the actor index");
    }

    [TestCase("SELECT id FROM wk_instances WHERE idempotency_key = @Key", "ux_wk_instances_idempotency_key")]
    [TestCase(
        "SELECT id FROM wk_instances WHERE 1 = 1 AND parent_instance_id = @Key " +
        "ORDER BY started_at DESC, id DESC LIMIT 50 OFFSET 0", "ix_wk_instances_parent")]
    [TestCase(ParticipationSql.RecordIds, "ix_wk_tasks_completed_by")]
    [TestCase(ParticipationSql.RecordIds, "ix_wk_audit_actor")]
    public async Task Lookup_uses_partial_index(string sql, string index)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await using var connection = await test.Database.OpenConnectionAsync(default);
        var parameters = new { Key = "key-1", UserId = "bob", FormKey = "shipment", CarbonCopy = "cc" };

        string plan;
        if (provider == StorageProvider.Sqlite)
        {
            var rows = await connection.QueryAsync<(long Id, long Parent, long NotUsed, string Detail)>(
                "EXPLAIN QUERY PLAN " + sql, parameters);
            plan = string.Join("\n", rows.Select(row => row.Detail));
        }
        else
        {
            await connection.ExecuteAsync("SET enable_seqscan = off");
            plan = string.Join("\n", await connection.QueryAsync<string>("EXPLAIN " + sql, parameters));
        }

        Assert.That(plan, Does.Contain(index));
    }

    private string InstancesSnapshotSql() => provider == StorageProvider.Sqlite
        ? "SELECT rowid AS row_id, * FROM wk_instances ORDER BY id"
        : "SELECT * FROM wk_instances ORDER BY id";

    private string IndexDefinitionsSql() => provider == StorageProvider.Sqlite
        ? "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
        : "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema()";

    private string UniqueConstraintsSql() => provider == StorageProvider.Sqlite
        ? "SELECT name FROM pragma_index_list('wk_instances') WHERE origin = 'u'"
        : "SELECT conname FROM pg_constraint WHERE conrelid = 'wk_instances'::regclass AND contype = 'u'";

    /// <summary>Applies the migrations numbered below 4101 and records them, as an older store would have.</summary>
    private async Task MigrateBeforePartialIndexesAsync(DbConnection connection)
    {
        var (appliedAtType, migrations) = provider == StorageProvider.Sqlite
            ? ("TEXT", SqliteMigrator.LoadMigrations())
            : ("TIMESTAMPTZ", PostgresMigrator.LoadMigrations());
        await connection.ExecuteAsync(
            "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, " +
            $"applied_at {appliedAtType} NOT NULL)");
        foreach (var migration in migrations.Where(migration => migration.Version < PartialIndexVersion))
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await connection.ExecuteAsync(migration.Sql, transaction: transaction);
            await connection.ExecuteAsync(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, @AppliedAt)",
                new { migration.Version, migration.Name, AppliedAt = AppliedAt() }, transaction);
            await transaction.CommitAsync();
        }
    }

    private object AppliedAt() => provider == StorageProvider.Sqlite
        ? RuntimeStoreFixture.Now.ToString("O", CultureInfo.InvariantCulture)
        : RuntimeStoreFixture.Now;

    private Task MigrateAsync(IDatabase database) => database switch
    {
        SqliteDatabase sqlite => SqliteMigrator.MigrateAsync(sqlite, CancellationToken.None),
        PostgresDatabase postgres => PostgresMigrator.MigrateAsync(postgres, CancellationToken.None),
        _ => throw new InvalidOperationException($"No migrator for {database.GetType().Name}."),
    };

    /// <summary>
    /// Writes three instances (one with an idempotency key, one a sub-flow of it) and a token and
    /// two tasks (one completed, one open) that reference them. A fourth instance is deleted
    /// between the inserts, so that the rowids on SQLite have a gap that the rebuild must keep.
    /// </summary>
    private static async Task SeedAsync(DbConnection connection)
    {
        await InsertInstanceAsync(connection, "i1", "key-1", null);
        await InsertInstanceAsync(connection, "i0", null, null);
        await InsertInstanceAsync(connection, "i2", null, "i1");
        await connection.ExecuteAsync("DELETE FROM wk_instances WHERE id = 'i0'");
        await InsertInstanceAsync(connection, "i3", null, null);
        await connection.ExecuteAsync(
            "INSERT INTO wk_tokens (id, instance_id, node_id, status, scope, trail_json, seq, created_at, updated_at) " +
            "VALUES ('t1', 'i2', 'review', 'waiting', '', '[]', 1, " +
            $"'{Time}', '{Time}')");
        await connection.ExecuteAsync(
            "INSERT INTO wk_tasks (id, instance_id, token_id, visit_id, node_id, flow_key, flow_version, kind, status, " +
            "assignee, original_assignee, seq, version, created_at, completed_at, completed_by) VALUES " +
            "('k1', 'i2', 't1', 'v1', 'review', 'order-flow', 1, 'approval', 'completed', 'bob', 'bob', 1, 2, " +
            $"'{Time}', '{Time}', 'bob'), " +
            "('k2', 'i3', 't1', 'v2', 'review', 'order-flow', 1, 'approval', 'open', 'carol', 'carol', 1, 1, " +
            $"'{Time}', NULL, NULL)");
    }

    private static Task InsertInstanceAsync(DbConnection connection, string id, string? key, string? parent) =>
        connection.ExecuteAsync(
            "INSERT INTO wk_instances (id, flow_key, flow_version, status, trigger_kind, initiator, idempotency_key, " +
            "parent_instance_id, form_json, state_json, version, started_at, updated_at) VALUES (@Id, 'order-flow', 1, " +
            "'running', 'manual', 'alice', @Key, @Parent, '{\"amount\":\"12.50\"}', '{}', 1, " +
            $"'{Time}', '{Time}')",
            new { Id = id, Key = key, Parent = parent });

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
