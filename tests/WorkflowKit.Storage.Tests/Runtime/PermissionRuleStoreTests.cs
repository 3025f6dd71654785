using WorkflowKit.Definitions.Conditions;
using WorkflowKit.Definitions.Packages;
using WorkflowKit.Permissions;
using WorkflowKit.Storage.PostgreSql;
using WorkflowKit.Storage.PostgreSql.Organization;
using WorkflowKit.Storage.Sqlite;
using WorkflowKit.Storage.Sqlite.Organization;

namespace WorkflowKit.Storage.Tests.Runtime;

/// <summary>The permission rule store on each provider: rules round-trip, and invalid rules are rejected before any write.</summary>
[TestFixture(StorageProvider.Sqlite)]
[TestFixture(StorageProvider.PostgreSql)]
public sealed class PermissionRuleStoreTests(StorageProvider provider)
{
    private TestDatabase? _database;
    private IPermissionRuleStore _store = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        _database = await TestDatabase.CreateAsync(provider);
        _store = _database.Database switch
        {
            SqliteDatabase sqlite => new SqlitePermissionRuleStore(sqlite),
            PostgresDatabase postgres => new PostgresPermissionRuleStore(postgres),
            _ => throw new InvalidOperationException($"No rule store for {_database.Database.GetType().Name}."),
        };
    }

    [TearDown]
    public async Task TearDownAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Test]
    public async Task Saved_rules_read_back()
    {
        await _store.SaveRulesAsync("customer", [Rule("sales", "read", "update"), Rule("finance", "read")], default);

        var rules = await _store.GetRulesAsync("customer", default);

        Assert.That(rules.Select(rule => rule.Role), Is.EqualTo(new[] { "sales", "finance" }));
        Assert.That(rules[0].Actions, Is.EqualTo(new[] { "read", "update" }));
    }

    [Test]
    public async Task Invalid_rule_keeps_saved_rules()
    {
        await _store.SaveRulesAsync("customer", [Rule("sales", "read")], default);

        var failure = Assert.ThrowsAsync<ArgumentException>(
            () => _store.SaveRulesAsync("customer", [Rule("finance", "read"), Rule("sales", "approve")], default));

        Assert.That(failure!.Message, Does.Contain("unknown action 'approve'"));
        Assert.That(failure.Message, Does.Contain("role 'sales'"));
        Assert.That((await _store.GetRulesAsync("customer", default)).Select(rule => rule.Role), Is.EqualTo(new[] { "sales" }));
    }

    [Test]
    public void JavaScript_row_filter_rejected()
    {
        var rule = Rule("sales", "read");
        rule.Rows = new Condition { JavaScript = "record.region === 'east'" };

        var failure = Assert.ThrowsAsync<ArgumentException>(() => _store.SaveRulesAsync("customer", [rule], default));

        Assert.That(failure!.Message, Does.Contain("JavaScript"));
    }

    /// <summary>
    /// On SQLite a write waits for the writer turn. An invalid rule set is rejected at once, without waiting
    /// behind a transaction that another caller holds.
    /// </summary>
    [Test]
    public async Task Invalid_rule_skips_writer_wait()
    {
        await using var holder = await _database!.Database.BeginTransactionAsync(default);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3));

        var failure = Assert.CatchAsync(
            () => _store.SaveRulesAsync("customer", [Rule("sales", "approve")], timeout.Token));

        Assert.That(failure, Is.InstanceOf<ArgumentException>());
    }

    private static PermissionRule Rule(string role, params string[] actions) =>
        new() { Role = role, Form = "customer", Actions = [.. actions] };
}
