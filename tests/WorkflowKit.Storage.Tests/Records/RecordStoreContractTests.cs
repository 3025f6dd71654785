using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using WorkflowKit.Definitions.Conditions;
using WorkflowKit.Definitions.Packages;
using WorkflowKit.Records;
using WorkflowKit.Storage.PostgreSql;
using WorkflowKit.Storage.PostgreSql.Records;
using WorkflowKit.Storage.Sqlite;
using WorkflowKit.Storage.Sqlite.Records;

namespace WorkflowKit.Storage.Tests.Records;

/// <summary>The record store contract, run against SQLite and PostgreSQL.</summary>
[TestFixture(StorageProvider.Sqlite)]
[TestFixture(StorageProvider.PostgreSql)]
public sealed class RecordStoreContractTests(StorageProvider provider)
{
    private static readonly CancellationToken None = CancellationToken.None;
    private TestDatabase? _database;
    private FakeTimeProvider _time = null!;
    private IRecordStore _store = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        _database = await TestDatabase.CreateAsync(provider);
        _time = new FakeTimeProvider(new DateTimeOffset(2024, 3, 4, 15, 30, 0, TimeSpan.Zero));
        _store = Db.Database switch
        {
            SqliteDatabase sqlite => new SqliteRecordStore(sqlite, _time),
            PostgresDatabase postgres => new PostgresRecordStore(postgres, _time),
            _ => throw new InvalidOperationException($"No record store for {Db.Database.GetType().Name}."),
        };
        await Registry.RegisterFormAsync(CustomerForm.Create(), None);
    }

    [TearDown]
    public async Task TearDownAsync()
    {
        // SetUp ignores the PostgreSQL fixture when no server is configured; then there is nothing to drop.
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    private TestDatabase Db => _database!;

    private IRecordFormRegistry Registry => (IRecordFormRegistry)_store;

    private IRecordQueries Queries => (IRecordQueries)_store;

    [Test]
    public async Task Create_keeps_money_digits()
    {
        var created = await _store.CreateAsync("customer", Customer("协和医院", "east", "12345678901234.50"), As("u1"),
            None);

        var read = await _store.GetAsync("customer", created.Id, null, None);

        Assert.That(read!.Data["creditLimit"]!.ToJsonString(), Is.EqualTo("12345678901234.50"));
        Assert.That(read.Data["name"]!.GetValue<string>(), Is.EqualTo("协和医院"));
        Assert.That(read.CreatedAt, Is.EqualTo(_time.GetUtcNow()));
    }

    [Test]
    public async Task Serial_follows_shanghai_date()
    {
        var first = await _store.CreateAsync("customer", Customer("a", "east", "1"), As("u1"), None);
        var second = await _store.CreateAsync("customer", Customer("b", "east", "1"), As("u1"), None);
        _time.Advance(TimeSpan.FromHours(1));
        var nextDay = await _store.CreateAsync("customer", Customer("c", "east", "1"), As("u1"), None);

        Assert.That(first.SerialNumber, Is.EqualTo("C-20240304-001"));
        Assert.That(second.SerialNumber, Is.EqualTo("C-20240304-002"));
        Assert.That(nextDay.SerialNumber, Is.EqualTo("C-20240305-001"));
    }

    [Test]
    public async Task Concurrent_creates_get_distinct_serials()
    {
        var created = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() =>
            _store.CreateAsync("customer", Customer($"c{i}", "east", "1"), As("u1"), None))));

        Assert.That(created.Select(entry => entry.SerialNumber).Distinct().Count(), Is.EqualTo(20));
    }

    [Test]
    public async Task Stale_update_conflicts()
    {
        var created = await _store.CreateAsync("customer", Customer("a", "east", "1"), As("u1"), None);
        await _store.UpdateAsync("customer", created.Id, new JsonObject { ["name"] = "b" }, 1, As("u2"), None);

        var error = Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            _store.UpdateAsync("customer", created.Id, new JsonObject { ["name"] = "c" }, 1, As("u3"), None));

        Assert.That((error!.ExpectedVersion, error.ActualVersion, error.ChangedBy),
            Is.EqualTo(((long?)1, (long?)2, "u2")));
    }

    [Test]
    public async Task Concurrent_unversioned_updates_all_apply()
    {
        var created = await _store.CreateAsync("customer", Customer("a", "east", "1"), As("u1"), None);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => _store.UpdateAsync(
            "customer", created.Id, new JsonObject { ["name"] = $"n{i}" }, null, As($"u{i}"), None))));

        var read = await _store.GetAsync("customer", created.Id, null, None);
        Assert.That(read!.Version, Is.EqualTo(9));
    }

    [Test]
    public async Task Audit_keeps_snapshot_and_changes()
    {
        var created = await _store.CreateAsync("customer", Customer("a", "east", "100.00"), As("u1"), None);
        await _store.UpdateAsync(
            "customer", created.Id, new JsonObject { ["creditLimit"] = JsonNode.Parse("250.50"), ["name"] = "a" },
            1, As("u2"), None);
        await _store.SoftDeleteAsync("customer", created.Id, As("u3"), None);

        var history = await Queries.GetHistoryAsync("customer", created.Id, None);

        Assert.That(history.Select(entry => (entry.Action, entry.UserId)),
            Is.EqualTo(new[] { ("create", "u1"), ("update", "u2"), ("delete", "u3") }));
        var change = history[1].Changes.Single();
        Assert.That((change.Field, change.OldValue!.ToJsonString(), change.NewValue!.ToJsonString()),
            Is.EqualTo(("creditLimit", "100.00", "250.50")));
        Assert.That(history[1].Snapshot["creditLimit"]!.ToJsonString(), Is.EqualTo("250.50"));
    }

    [Test]
    public async Task Create_history_keeps_each_value_text()
    {
        var data = Customer("say \"hi\" \\ 协和 😀", "east", "12.50");
        data["tags"] = new JsonArray("vip", "lab");
        data["active"] = false;
        for (var i = 0; i < 40; i++)
        {
            data[$"extra{i:D2}"] = new JsonObject { ["n"] = i, ["s"] = $"v{i}" };
        }

        var created = await _store.CreateAsync("customer", data, As("u1"), None);

        var changes = (await Queries.GetHistoryAsync("customer", created.Id, None)).Single().Changes;
        var byField = changes.ToDictionary(change => change.Field);
        Assert.That(changes, Has.Count.EqualTo(46));
        Assert.That(byField["name"].NewValue!.GetValue<string>(), Is.EqualTo("say \"hi\" \\ 协和 😀"));
        Assert.That(byField["creditLimit"].NewValue!.ToJsonString(), Is.EqualTo("12.50"));
        Assert.That(byField["tags"].NewValue!.ToJsonString(), Is.EqualTo("[\"vip\",\"lab\"]"));
        Assert.That(byField["active"].NewValue!.ToJsonString(), Is.EqualTo("false"));
        Assert.That(byField["extra39"].NewValue!.ToJsonString(), Is.EqualTo("{\"n\":39,\"s\":\"v39\"}"));
        Assert.That(changes.Select(change => change.OldValue), Is.All.Null);
        Assert.That(byField["code"].NewValue!.GetValue<string>(), Is.EqualTo("C-20240304-001"));
    }

    [Test]
    public async Task Query_filters_sorts_pages_skips_deleted()
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
        Assert.That(Names(page), Is.EqualTo(new[] { "c", "a" }));
    }

    [Test]
    public async Task Newest_page_with_capped_count()
    {
        var regions = new[] { "east", "west", "east", "east", "west", "east", "east" };
        for (var i = 0; i < regions.Length; i++)
        {
            await _store.CreateAsync("customer", Customer($"n{i}", regions[i], "1"), As("u1"), None);
        }

        var east = Condition.AllOf(new Rule { Field = "region", Operator = RuleOperators.Equal, Value = "east" });
        var capped = await _store.QueryAsync(
            new RecordQuery("customer") { Filter = east, Limit = 2, CountLimit = 3 }, null, None);
        var exact = await _store.QueryAsync(
            new RecordQuery("customer") { Filter = east, Limit = 2, Offset = 2, CountLimit = 100 }, null, None);

        Assert.That(Names(capped), Is.EqualTo(new[] { "n6", "n5" }));
        Assert.That(capped.Total, Is.EqualTo(3));
        Assert.That(capped.TotalIsCapped, Is.True);
        Assert.That(Names(exact), Is.EqualTo(new[] { "n3", "n2" }));
        Assert.That(exact.Total, Is.EqualTo(5));
        Assert.That(exact.TotalIsCapped, Is.False);
    }

    [Test]
    public async Task Newest_pages_by_after_id()
    {
        var regions = new[] { "east", "west", "east", "east", "west", "east", "east" };
        var ids = new List<long>();
        for (var i = 0; i < regions.Length; i++)
        {
            ids.Add((await _store.CreateAsync("customer", Customer($"n{i}", regions[i], "1"), As("u1"), None)).Id);
        }

        await _store.SoftDeleteAsync("customer", ids[5], As("u1"), None);
        var east = Condition.AllOf(new Rule { Field = "region", Operator = RuleOperators.Equal, Value = "east" });

        var first = await _store.QueryAsync(new RecordQuery("customer") { Filter = east, Limit = 2 }, null, None);
        var second = await _store.QueryAsync(
            new RecordQuery("customer") { Filter = east, Limit = 2, AfterId = first.Items[^1].Id }, null, None);
        var last = await _store.QueryAsync(
            new RecordQuery("customer") { Filter = east, Limit = 2, AfterId = second.Items[^1].Id }, null, None);

        Assert.That(Names(first), Is.EqualTo(new[] { "n6", "n3" }));
        Assert.That(Names(second), Is.EqualTo(new[] { "n2", "n0" }));
        Assert.That(Names(last), Is.Empty);
        Assert.That(second.Total, Is.EqualTo(4));
    }

    [Test]
    public async Task After_id_applies_without_filter()
    {
        for (var i = 0; i < 4; i++)
        {
            await _store.CreateAsync("customer", Customer($"n{i}", i % 2 == 0 ? "east" : "west", "1"), As("u1"), None);
        }

        var first = await _store.QueryAsync(new RecordQuery("customer") { Limit = 3 }, null, None);
        var next = await _store.QueryAsync(
            new RecordQuery("customer") { Limit = 3, AfterId = first.Items[^1].Id }, null, None);

        Assert.That(Names(first), Is.EqualTo(new[] { "n3", "n2", "n1" }));
        Assert.That(Names(next), Is.EqualTo(new[] { "n0" }));
        Assert.That(next.Total, Is.EqualTo(4));
    }

    [Test]
    public void After_id_with_sort_is_rejected()
    {
        var query = new RecordQuery("customer") { Sort = [new SortOrder { Field = "name" }], AfterId = 10 };

        var error = Assert.ThrowsAsync<ArgumentException>(() => _store.QueryAsync(query, null, None));

        Assert.That(error!.Message, Does.StartWith(
            "AfterId pages the newest-first order only, but the query on form 'customer' sorts by 'name'"));
    }

    [Test]
    public async Task Newest_page_with_two_indexed_rules()
    {
        var rows = new[]
        {
            ("a", "east", "500"), ("b", "west", "900"), ("c", "east", "50"), ("d", "east", "700"),
            ("e", "east", "800"), ("f", "east", "90"),
        };
        var ids = new List<long>();
        foreach (var (name, region, credit) in rows)
        {
            ids.Add((await _store.CreateAsync("customer", Customer(name, region, credit), As("u1"), None)).Id);
        }

        await _store.SoftDeleteAsync("customer", ids[4], As("u1"), None);
        var filter = Condition.AllOf(
            new Rule { Field = "region", Operator = RuleOperators.Equal, Value = "east" },
            new Rule { Field = "creditLimit", Operator = RuleOperators.GreaterThanOrEqual, Value = 100 });

        var exact = await _store.QueryAsync(new RecordQuery("customer") { Filter = filter, Limit = 1 }, null, None);
        var capped = await _store.QueryAsync(
            new RecordQuery("customer") { Filter = filter, Limit = 5, CountLimit = 1 }, null, None);
        var flagged = await _store.QueryAsync(
            new RecordQuery("customer")
            {
                Where = RecordFilter.Compare("region", RuleOperators.Equal, "east"),
                Flags = [RecordFilter.Compare("creditLimit", RuleOperators.GreaterThan, 600)],
            },
            null, None);

        Assert.That(Names(exact), Is.EqualTo(new[] { "d" }));
        Assert.That(exact.Total, Is.EqualTo(2));
        Assert.That(Names(capped), Is.EqualTo(new[] { "d", "a" }));
        Assert.That(capped.Total, Is.EqualTo(1));
        Assert.That(capped.TotalIsCapped, Is.True);
        Assert.That(Names(flagged), Is.EqualTo(new[] { "f", "d", "c", "a" }));
        Assert.That(flagged.Flags.Select(flags => flags[0]), Is.EqualTo(new[] { false, true, false, false }));
    }

    [TestCase(RuleOperators.Contains, "\"vip\"", new[] { "a" })]
    [TestCase(RuleOperators.NotContains, "\"vip\"", new[] { "b", "c" })]
    [TestCase(RuleOperators.IsEmpty, "null", new[] { "c" })]
    [TestCase(RuleOperators.IsNotEmpty, "null", new[] { "a", "b" })]
    [TestCase(RuleOperators.In, "[\"lab\", \"vip\"]", new[] { "a", "b" })]
    [TestCase(RuleOperators.NotIn, "[\"lab\"]", new[] { "a", "c" })]
    public async Task Query_on_multi_select(string op, string value, string[] expected)
    {
        var tags = new[] { "[\"vip\",\"hospital\"]", "[\"lab\"]", "[]" };
        for (var i = 0; i < tags.Length; i++)
        {
            var data = Customer(((char)('a' + i)).ToString(), "east", "1");
            data["tags"] = JsonNode.Parse(tags[i]);
            await _store.CreateAsync("customer", data, As("u1"), None);
        }

        var page = await QueryAsync(new Rule { Field = "tags", Operator = op, Value = JsonNode.Parse(value) });

        Assert.That(Names(page), Is.EqualTo(expected));
    }

    [TestCase(RuleOperators.NotEqual, "\"east\"", new[] { "b", "c" })]
    [TestCase(RuleOperators.In, "[\"west\", \"north\"]", new[] { "b" })]
    [TestCase(RuleOperators.NotIn, "[\"east\"]", new[] { "b", "c" })]
    [TestCase(RuleOperators.StartsWith, "\"we\"", new[] { "b" })]
    [TestCase(RuleOperators.EndsWith, "\"st\"", new[] { "a", "b" })]
    [TestCase(RuleOperators.Contains, "\"as\"", new[] { "a" })]
    [TestCase(RuleOperators.IsEmpty, "null", new[] { "c" })]
    public async Task Query_on_text(string op, string value, string[] expected)
    {
        await _store.CreateAsync("customer", Customer("a", "east", "1"), As("u1"), None);
        await _store.CreateAsync("customer", Customer("b", "west", "2"), As("u1"), None);
        var noRegion = Customer("c", "east", "3");
        noRegion.Remove("region");
        await _store.CreateAsync("customer", noRegion, As("u1"), None);

        var page = await QueryAsync(new Rule { Field = "region", Operator = op, Value = JsonNode.Parse(value) });

        Assert.That(Names(page), Is.EqualTo(expected));
    }

    [TestCase(RuleOperators.Contains, "hba1c", new[] { "HbA1c 检测试剂盒", "糖化血红蛋白 HBA1C 质控品" })]
    [TestCase(RuleOperators.Contains, "HBA1C", new[] { "HbA1c 检测试剂盒", "糖化血红蛋白 HBA1C 质控品" })]
    [TestCase(RuleOperators.Contains, "血红蛋白 hb", new[] { "糖化血红蛋白 HBA1C 质控品" })]
    [TestCase(RuleOperators.Contains, "ÉLISA", new[] { "Kit élisa Ferritine" })]
    [TestCase(RuleOperators.Contains, "试剂盒", new[] { "HbA1c 检测试剂盒" })]
    [TestCase(RuleOperators.NotContains, "HBa1C", new[] { "Kit élisa Ferritine" })]
    [TestCase(RecordFilter.SearchOperator, "FERRITINE", new[] { "Kit élisa Ferritine" })]
    public async Task Contains_ignores_case(string op, string value, string[] expected)
    {
        foreach (var name in new[] { "HbA1c 检测试剂盒", "Kit élisa Ferritine", "糖化血红蛋白 HBA1C 质控品" })
        {
            await _store.CreateAsync("customer", Customer(name, "east", "1"), As("u1"), None);
        }

        var page = await _store.QueryAsync(
            new RecordQuery("customer")
            {
                Where = RecordFilter.Compare("name", op, value), Sort = [new SortOrder { Field = "name" }],
            },
            null, None);

        Assert.That(Names(page), Is.EquivalentTo(expected));
    }

    [Test]
    public async Task Between_on_money_is_exact()
    {
        foreach (var (name, credit) in new[] { ("a", "0.1"), ("b", "0.3"), ("c", "0.30000000000000001") })
        {
            await _store.CreateAsync("customer", Customer(name, "east", credit), As("u1"), None);
        }

        var page = await QueryAsync(new Rule
        {
            Field = "creditLimit", Operator = RuleOperators.Between, Value = JsonNode.Parse("[0.1, 0.3]"),
        });

        Assert.That(Names(page), Is.SupersetOf(new[] { "a", "b" }));
    }

    [Test]
    public async Task Filter_value_is_a_parameter()
    {
        await _store.CreateAsync("customer", Customer("a", "east", "1"), As("u1"), None);

        var page = await QueryAsync(
            new Rule { Field = "name", Operator = RuleOperators.Equal, Value = "x' OR '1'='1" });

        Assert.That(page.Total, Is.Zero);
    }

    [Test]
    public async Task Flags_report_each_rule()
    {
        await _store.CreateAsync("customer", Customer("a", "east", "1"), As("u1"), None);
        await _store.CreateAsync("customer", Customer("b", "west", "1"), As("u1"), None);

        var page = await _store.QueryAsync(new RecordQuery("customer")
        {
            Sort = [new SortOrder { Field = "name" }],
            Flags = [RecordFilter.Compare("region", RuleOperators.Equal, "east")],
        }, null, None);

        Assert.That(page.Flags.Select(flags => flags[0]), Is.EqualTo(new[] { true, false }));
    }

    [Test]
    public async Task Aggregate_sums_money_exactly()
    {
        foreach (var (region, credit) in new[] { ("east", "0.1"), ("east", "0.2"), ("west", "1234567890123.45") })
        {
            await _store.CreateAsync("customer", Customer("x", region, credit), As("u1"), None);
        }

        var rows = await Queries.AggregateAsync(
            new RecordAggregateQuery("customer") { GroupBy = "region", Sum = ["creditLimit"] }, null, None);

        Assert.That(rows.Select(row => (row.Key!.GetValue<string>(), row.Count, row.Sums["creditLimit"])),
            Is.EqualTo(new[] { ("east", 2L, 0.3m), ("west", 1L, 1234567890123.45m) }));
    }

    [Test]
    public async Task Stream_returns_every_match_in_order()
    {
        for (var i = 0; i < 5; i++)
        {
            await _store.CreateAsync("customer", Customer($"n{i}", "east", "1"), As("u1"), None);
        }

        var names = new List<string>();
        await foreach (var match in Queries.StreamAsync(new RecordQuery("customer") { Limit = 2 }, None))
        {
            names.Add(match.Record.Data["name"]!.GetValue<string>());
        }

        Assert.That(names, Is.EqualTo(new[] { "n0", "n1", "n2", "n3", "n4" }));
    }

    [Test]
    public async Task Write_in_caller_transaction_rolls_back()
    {
        await using (var transaction = await Db.Database.BeginTransactionAsync(None))
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
    public void Unregistered_form_is_refused()
    {
        var error = Assert.ThrowsAsync<InvalidOperationException>(() =>
            _store.CreateAsync("order", new JsonObject(), As("u1"), None));

        Assert.That(error!.Message, Does.Contain("Form 'order' has no records table yet"));
    }

    private Task<RecordPage> QueryAsync(Rule rule) => _store.QueryAsync(
        new RecordQuery("customer") { Filter = Condition.AllOf(rule), Sort = [new SortOrder { Field = "name" }] },
        null, None);

    private static IEnumerable<string> Names(RecordPage page) =>
        page.Items.Select(item => item.Data["name"]!.GetValue<string>());

    private static JsonObject Customer(string name, string region, string credit) =>
        new() { ["name"] = name, ["region"] = region, ["creditLimit"] = JsonNode.Parse(credit) };

    private static RecordWriteContext As(string user) => new(user);
}
