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
    [TestCase("r.form_key = 'customer' AND (r.data ->> 'region') COLLATE \"C\" = 'east'", "ix_records_f_")]
    [TestCase(
        "r.form_key = 'customer' AND (CASE WHEN jsonb_typeof(r.data -> 'creditLimit') = 'number' THEN (r.data ->> 'creditLimit')::numeric END)" +
        " > 10", "ix_records_f_")]
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
}
