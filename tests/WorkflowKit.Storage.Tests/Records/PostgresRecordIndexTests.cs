using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Extensions.Time.Testing;
using WorkflowKit.Records;
using WorkflowKit.Storage.PostgreSql;
using WorkflowKit.Storage.PostgreSql.Records;

namespace WorkflowKit.Storage.Tests.Records;

/// <summary>The indexes that stand in for SQLite's index table on PostgreSQL.</summary>
public sealed class PostgresRecordIndexTests
{
    [TestCase("r.form_key = 'customer' AND (r.data ->> 'region') COLLATE \"C\" = 'east'", "ix_records_fi_")]
    [TestCase(
        "r.form_key = 'customer' AND (CASE WHEN jsonb_typeof(r.data -> 'creditLimit') = 'number' THEN (r.data ->> 'creditLimit')::numeric END)" +
        " > 10", "ix_records_fi_")]
    [TestCase("r.data @> '{\"tags\":[\"vip\"]}'::jsonb", "ix_records_data")]
    public async Task Filter_uses_index(string predicate, string index)
    {
        await using var test = await TestDatabase.CreateAsync(StorageProvider.PostgreSql);
        var store = new PostgresRecordStore((PostgresDatabase)test.Database, new FakeTimeProvider());
        await store.RegisterFormAsync(CustomerForm.Create(), default);
        await store.CreateAsync("customer", new JsonObject { ["region"] = "east" }, new RecordWriteContext("u1"),
            default);
        await using var connection = await test.Database.OpenConnectionAsync(default);
        await connection.ExecuteAsync("SET enable_seqscan = off");

        var plan = string.Join("\n", await connection.QueryAsync<string>(
            $"EXPLAIN SELECT r.id FROM records r WHERE {predicate}"));

        Assert.That(plan, Does.Contain(index));
    }

    [Test]
    public async Task Value_page_scans_index_backward()
    {
        await using var test = await TestDatabase.CreateAsync(StorageProvider.PostgreSql);
        var store = new PostgresRecordStore((PostgresDatabase)test.Database, new FakeTimeProvider());
        await store.RegisterFormAsync(CustomerForm.Create(), default);
        await using var connection = await test.Database.OpenConnectionAsync(default);
        await connection.ExecuteAsync("SET enable_seqscan = off");

        var plan = string.Join("\n", await connection.QueryAsync<string>(
            "EXPLAIN SELECT r.id FROM records r WHERE r.form_key = 'customer' AND NOT r.deleted AND " +
            "(r.data ->> 'region') COLLATE \"C\" = 'east' ORDER BY r.id DESC LIMIT 50"));

        Assert.That(plan, Does.Contain("Index Scan Backward using ix_records_fi_"));
        Assert.That(plan, Does.Not.Contain("Sort"));
    }

    [Test]
    public async Task Migration_3001_appends_id_to_value_indexes()
    {
        await using var test = await TestDatabase.CreateAsync(StorageProvider.PostgreSql);
        await using var connection = await test.Database.OpenConnectionAsync(default);
        await connection.ExecuteAsync(
            "CREATE INDEX ix_records_f_0123456789abcdef ON records (form_key, ((data ->> 'region') COLLATE \"C\"))");
        var script = PostgresMigrator.LoadMigrations().Single(migration => migration.Version == 3001);

        await connection.ExecuteAsync(script.Sql);

        var indexes = (await connection.QueryAsync<(string Name, string Definition)>(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'records' ORDER BY indexname"))
            .Where(index => index.Name.StartsWith("ix_records_f_", StringComparison.Ordinal) ||
                            index.Name.StartsWith("ix_records_fi_", StringComparison.Ordinal))
            .ToList();
        Assert.That(indexes.Select(index => index.Name), Is.EqualTo(new[] { "ix_records_fi_0123456789abcdef" }));
        Assert.That(indexes[0].Definition, Does.Contain("(form_key, ((data ->> 'region'::text)) COLLATE \"C\", id)"));
    }
}
