using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Extensions.Time.Testing;
using WorkflowKit.Definitions.Conditions;
using WorkflowKit.Definitions.Packages;
using WorkflowKit.Forms.Tests.Support;
using WorkflowKit.Records;
using WorkflowKit.Storage;
using WorkflowKit.Storage.Sqlite.Records;

namespace WorkflowKit.Forms.Tests.Records;

public sealed class SqliteRecordStoreTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private TestDatabase _db = null!;
    private FakeTimeProvider _time = null!;
    private SqliteRecordStore _store = null!;

    [SetUp]
    public async Task SetUp()
    {
        _db = await TestDatabase.CreateAsync();
        _time = new FakeTimeProvider(new DateTimeOffset(2024, 3, 4, 15, 30, 0, TimeSpan.Zero));
        _store = new SqliteRecordStore(_db.Database, _time);
        await _store.RegisterFormAsync(TestForms.Customer(), None);
    }

    [TearDown]
    public async Task TearDown() => await _db.DisposeAsync();

    private static JsonObject Customer(string name, string region, string credit) =>
        new() { ["name"] = name, ["region"] = region, ["creditLimit"] = JsonNode.Parse(credit) };

    private static RecordWriteContext As(string user) => new(user);

    [Test]
    public async Task Create_keeps_money_digits_exactly()
    {
        var created = await _store.CreateAsync("customer", Customer("协和医院", "east", "12345678901234.50"), As("u1"),
            None);

        var read = await _store.GetAsync("customer", created.Id, null, None);

        Assert.That(read!.Data["creditLimit"]!.ToJsonString(), Is.EqualTo("12345678901234.50"));
        Assert.That(read.Data["creditLimit"]!.GetValue<decimal>(), Is.EqualTo(12345678901234.50m));
    }

    [Test]
    public async Task Serial_uses_shanghai_date_and_restarts_per_day()
    {
        var first = await _store.CreateAsync("customer", Customer("a", "east", "1"), As("u1"), None);
        var second = await _store.CreateAsync("customer", Customer("b", "east", "1"), As("u1"), None);
        _time.Advance(TimeSpan.FromHours(1));
        var nextDay = await _store.CreateAsync("customer", Customer("c", "east", "1"), As("u1"), None);

        // 15:30 UTC is 23:30 in Shanghai; an hour later UTC is still 4 March but Shanghai is on 5 March.
        Assert.That(first.SerialNumber, Is.EqualTo("C-20240304-001"));
        Assert.That(second.SerialNumber, Is.EqualTo("C-20240304-002"));
        Assert.That(nextDay.SerialNumber, Is.EqualTo("C-20240305-001"));
        Assert.That(second.Data["code"]!.GetValue<string>(), Is.EqualTo("C-20240304-002"));
    }

    [Test]
    public async Task Update_with_stale_version_conflicts()
    {
        var created = await _store.CreateAsync("customer", Customer("a", "east", "1"), As("u1"), None);
        await _store.UpdateAsync("customer", created.Id, new JsonObject { ["name"] = "b" }, 1, As("u2"), None);

        var error = Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            _store.UpdateAsync("customer", created.Id, new JsonObject { ["name"] = "c" }, 1, As("u3"), None));

        Assert.That(error!.ExpectedVersion, Is.EqualTo(1));
        Assert.That(error.ActualVersion, Is.EqualTo(2));
        Assert.That(error.ChangedBy, Is.EqualTo("u2"));
    }

    [Test]
    public async Task Audit_holds_snapshot_and_old_and_new_values()
    {
        var created = await _store.CreateAsync("customer", Customer("a", "east", "100.00"), As("u1"), None);
        await _store.UpdateAsync(
            "customer", created.Id, new JsonObject { ["creditLimit"] = JsonNode.Parse("250.50"), ["name"] = "a" },
            1, As("u2"), None);
        await _store.SoftDeleteAsync("customer", created.Id, As("u3"), None);

        var history = await _store.GetHistoryAsync("customer", created.Id, None);

        Assert.That(history.Select(entry => entry.Action), Is.EqualTo(new[] { "create", "update", "delete" }));
        var update = history[1];
        Assert.That(update.UserId, Is.EqualTo("u2"));
        Assert.That(update.Changes, Has.Count.EqualTo(1));
        Assert.That(update.Changes[0].Field, Is.EqualTo("creditLimit"));
        Assert.That(update.Changes[0].OldValue!.ToJsonString(), Is.EqualTo("100.00"));
        Assert.That(update.Changes[0].NewValue!.ToJsonString(), Is.EqualTo("250.50"));
        Assert.That(update.Snapshot["creditLimit"]!.ToJsonString(), Is.EqualTo("250.50"));
    }

    [Test]
    public async Task Query_filters_sorts_pages_and_skips_deleted()
    {
        foreach (var (name, region, credit) in new[]
                 {
                     ("a", "east", "500"), ("b", "west", "1500.5"), ("c", "east", "2500"), ("d", "east", "100"),
                 })
        {
            await _store.CreateAsync("customer", Customer(name, region, credit), As("u1"), None);
        }

        var deleted = await _store.CreateAsync("customer", Customer("e", "east", "9000"), As("u1"), None);
        await _store.SoftDeleteAsync("customer", deleted.Id, As("u1"), None);

        var page = await _store.QueryAsync(
            new RecordQuery("customer")
            {
                Filter = Condition.AllOf(
                    new Rule { Field = "region", Operator = RuleOperators.Equal, Value = "east" },
                    new Rule { Field = "creditLimit", Operator = RuleOperators.GreaterThanOrEqual, Value = 100 }),
                Sort = [new SortOrder { Field = "creditLimit", Descending = true }],
                Limit = 2,
            },
            null, None);

        Assert.That(page.Total, Is.EqualTo(3));
        Assert.That(page.Items.Select(item => item.Data["name"]!.GetValue<string>()), Is.EqualTo(new[] { "c", "a" }));
    }

    [TestCase(RuleOperators.Contains, "\"vip\"", new[] { "a" })]
    [TestCase(RuleOperators.NotContains, "\"vip\"", new[] { "b", "c" })]
    [TestCase(RuleOperators.IsEmpty, "null", new[] { "c" })]
    [TestCase(RuleOperators.In, "[\"lab\", \"vip\"]", new[] { "a", "b" })]
    public async Task Query_on_multi_select(string op, string value, string[] expected)
    {
        var tags = new[] { "[\"vip\",\"hospital\"]", "[\"lab\"]", "[]" };
        for (var i = 0; i < tags.Length; i++)
        {
            var data = Customer(((char)('a' + i)).ToString(), "east", "1");
            data["tags"] = JsonNode.Parse(tags[i]);
            await _store.CreateAsync("customer", data, As("u1"), None);
        }

        var page = await _store.QueryAsync(
            new RecordQuery("customer")
            {
                Filter = Condition.AllOf(new Rule { Field = "tags", Operator = op, Value = JsonNode.Parse(value) }),
                Sort = [new SortOrder { Field = "name" }],
            },
            null, None);

        Assert.That(page.Items.Select(item => item.Data["name"]!.GetValue<string>()), Is.EqualTo(expected));
    }

    [Test]
    public async Task Filter_value_is_a_parameter_not_sql()
    {
        await _store.CreateAsync("customer", Customer("a", "east", "1"), As("u1"), None);

        var page = await _store.QueryAsync(
            new RecordQuery("customer")
            {
                Filter = Condition.AllOf(new Rule
                {
                    Field = "name", Operator = RuleOperators.Equal, Value = "x' OR '1'='1",
                }),
            },
            null, None);

        Assert.That(page.Total, Is.Zero);
    }

    [Test]
    public async Task Indexed_field_filter_uses_the_index_table()
    {
        await _store.CreateAsync("customer", Customer("a", "east", "1"), As("u1"), None);
        await using var connection = await _db.Database.OpenConnectionAsync(None);

        var values = (await connection.QueryAsync<(string Field, string Value)>(
            "SELECT field_id, CAST(value AS TEXT) FROM record_values ORDER BY field_id")).ToList();
        var plan = string.Join("\n", (await connection.QueryAsync(
            "EXPLAIN QUERY PLAN SELECT record_id FROM record_values WHERE form_key = 'customer' AND " +
            "field_id = 'region' AND value = 'east'")).Select(row => (string)row.detail));

        Assert.That(values, Does.Contain(("region", "east")));
        Assert.That(values, Does.Contain(("code", "C-20240304-001")));
        Assert.That(plan, Does.Contain("ix_record_values_lookup"));
    }

    [Test]
    public async Task Aggregate_sums_money_in_decimal_by_group()
    {
        foreach (var (region, credit) in new[] { ("east", "0.1"), ("east", "0.2"), ("west", "1234567890123.45") })
        {
            await _store.CreateAsync("customer", Customer("x", region, credit), As("u1"), None);
        }

        var rows = await _store.AggregateAsync(
            new RecordAggregateQuery("customer") { GroupBy = "region", Sum = ["creditLimit"] }, null, None);

        Assert.That(rows, Has.Count.EqualTo(2));
        Assert.That(rows[0].Key!.GetValue<string>(), Is.EqualTo("east"));
        Assert.That(rows[0].Count, Is.EqualTo(2));
        Assert.That(rows[0].Sums["creditLimit"], Is.EqualTo(0.3m));
        Assert.That(rows[1].Sums["creditLimit"], Is.EqualTo(1234567890123.45m));
    }

    [Test]
    public async Task Write_in_caller_transaction_rolls_back_with_it()
    {
        await using (var transaction = await _db.Database.BeginTransactionAsync(None))
        {
            await _store.CreateAsync("customer", Customer("a", "east", "1"), new RecordWriteContext("u1", transaction),
                None);
            var inside = await _store.QueryAsync(new RecordQuery("customer"), transaction, None);
            Assert.That(inside.Total, Is.EqualTo(1));
        }

        var after = await _store.QueryAsync(new RecordQuery("customer"), null, None);
        Assert.That(after.Total, Is.Zero);
    }

    [Test]
    public void Create_unregistered_form_names_fix()
    {
        var error = Assert.ThrowsAsync<InvalidOperationException>(() =>
            _store.CreateAsync("order", new JsonObject(), As("u1"), None));

        Assert.That(error!.Message, Does.Contain("Form 'order' has no records table yet"));
    }
}
