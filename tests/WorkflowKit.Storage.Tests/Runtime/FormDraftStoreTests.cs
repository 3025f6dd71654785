using System.Text.Json.Nodes;
using WorkflowKit.Runtime.Drafts;
using WorkflowKit.Storage.PostgreSql;
using WorkflowKit.Storage.PostgreSql.Runtime;
using WorkflowKit.Storage.Sqlite;
using WorkflowKit.Storage.Sqlite.Runtime;

namespace WorkflowKit.Storage.Tests.Runtime;

/// <summary>The form draft store on each provider: one draft per user and scope, read and deleted only by its user.</summary>
[TestFixture(StorageProvider.Sqlite)]
[TestFixture(StorageProvider.PostgreSql)]
public sealed class FormDraftStoreTests(StorageProvider provider)
{
    private static readonly DateTimeOffset SavedAt = new(2026, 12, 6, 11, 43, 10, 123, TimeSpan.Zero);

    private TestDatabase? _database;
    private IFormDraftStore _store = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        _database = await TestDatabase.CreateAsync(provider);
        _store = _database.Database switch
        {
            SqliteDatabase sqlite => new SqliteFormDraftStore(sqlite),
            PostgresDatabase postgres => new PostgresFormDraftStore(postgres),
            _ => throw new InvalidOperationException($"No draft store for {_database.Database.GetType().Name}."),
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
    public async Task Saved_draft_reads_back()
    {
        var data = new JsonObject { ["customer"] = "仁济医院", ["lines"] = new JsonArray(new JsonObject { ["qty"] = 5 }) };
        await _store.SaveAsync(new FormDraft("sales1", FormDraftScopes.Start("order"), 3, data, SavedAt), default);

        var draft = await _store.FindAsync("sales1", FormDraftScopes.Start("order"), default);

        Assert.That(draft, Is.Not.Null);
        Assert.That(draft!.Version, Is.EqualTo(3));
        Assert.That(JsonNode.DeepEquals(draft.Data, data), Is.True, draft.Data.ToJsonString());
        Assert.That(draft.SavedAt, Is.EqualTo(SavedAt));
    }

    [Test]
    public async Task Second_save_replaces_draft()
    {
        var scope = FormDraftScopes.Task("t1");
        await _store.SaveAsync(new FormDraft("sales1", scope, 1, new JsonObject { ["note"] = "a" }, SavedAt), default);

        await _store.SaveAsync(
            new FormDraft("sales1", scope, 2, new JsonObject { ["note"] = "b" }, SavedAt.AddMinutes(1)), default);

        var draft = await _store.FindAsync("sales1", scope, default);
        Assert.That(draft!.Data["note"]!.GetValue<string>(), Is.EqualTo("b"));
        Assert.That(draft.Version, Is.EqualTo(2));
        Assert.That(draft.SavedAt, Is.EqualTo(SavedAt.AddMinutes(1)));
    }

    [Test]
    public async Task Other_user_finds_no_draft()
    {
        var scope = FormDraftScopes.Start("order");
        await _store.SaveAsync(new FormDraft("sales1", scope, 1, new JsonObject { ["note"] = "a" }, SavedAt), default);

        var other = await _store.FindAsync("sales2", scope, default);
        var deletedByOther = await _store.DeleteAsync("sales2", scope, default);

        Assert.That(other, Is.Null);
        Assert.That(deletedByOther, Is.False);
        Assert.That(await _store.FindAsync("sales1", scope, default), Is.Not.Null);
    }

    [Test]
    public async Task Delete_removes_only_that_scope()
    {
        await _store.SaveAsync(new FormDraft("sales1", FormDraftScopes.Start("order"), 1, [], SavedAt), default);
        await _store.SaveAsync(new FormDraft("sales1", FormDraftScopes.Task("t1"), 1, [], SavedAt), default);

        var deleted = await _store.DeleteAsync("sales1", FormDraftScopes.Start("order"), default);

        Assert.That(deleted, Is.True);
        Assert.That(await _store.FindAsync("sales1", FormDraftScopes.Start("order"), default), Is.Null);
        Assert.That(await _store.FindAsync("sales1", FormDraftScopes.Task("t1"), default), Is.Not.Null);
    }
}
