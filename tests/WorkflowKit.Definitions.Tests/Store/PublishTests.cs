using Dapper;
using Microsoft.Data.Sqlite;
using WorkflowKit.Definitions.Diagnostics;
using WorkflowKit.Definitions.Diff;
using WorkflowKit.Definitions.Store;

namespace WorkflowKit.Definitions.Tests.Store;

public sealed class PublishTests
{
    [Test]
    public async Task Publish_numbers_versions_and_keeps_old_content()
    {
        await using var fixture = await StoreFixture.CreateAsync();
        var store = fixture.Store;
        await store.SaveDraftAsync("form", "order", Drafts.Form("order"), null, "alice", default);
        var v1 = await store.PublishAsync("form", "order", "alice", default);
        await store.SaveDraftAsync("form", "order", Drafts.Form("order", """, { "id": "note", "type": "text", "label": "Note" }"""), 1, "bob", default);

        var v2 = await store.PublishAsync("form", "order", "bob", default);

        Assert.That((v1.Version, v2.Version), Is.EqualTo((1, 2)));
        Assert.That((await store.GetVersionAsync("form", "order", 1, default))!.Json, Is.EqualTo(v1.Json));
        Assert.That((await store.GetVersionAsync("form", "order", null, default))!.Json, Does.Contain("\"note\""));
        Assert.That(v1.Json, Does.Not.Contain("\"note\""));
    }

    [Test]
    public async Task Published_version_cannot_be_updated_or_deleted()
    {
        await using var fixture = await StoreFixture.CreateAsync();
        await fixture.Store.SaveDraftAsync("form", "order", Drafts.Form("order"), null, "alice", default);
        var v1 = await fixture.Store.PublishAsync("form", "order", "alice", default);
        await using var connection = await fixture.Database.OpenConnectionAsync(default);

        var update = Assert.ThrowsAsync<SqliteException>(() => connection.ExecuteAsync(
            "UPDATE definition_versions SET content = '{}' WHERE kind = 'form' AND key = 'order'"));
        var delete = Assert.ThrowsAsync<SqliteException>(() => connection.ExecuteAsync(
            "DELETE FROM definition_versions WHERE kind = 'form' AND key = 'order'"));

        Assert.That(update!.Message, Does.Contain("immutable"));
        Assert.That(delete!.Message, Does.Contain("immutable"));
        Assert.That((await fixture.Store.GetVersionAsync("form", "order", 1, default))!.Json, Is.EqualTo(v1.Json));
    }

    [Test]
    public async Task Publish_of_unchanged_draft_returns_latest_version()
    {
        await using var fixture = await StoreFixture.CreateAsync();
        await fixture.Store.SaveDraftAsync("form", "order", Drafts.Form("order"), null, "alice", default);
        await fixture.Store.PublishAsync("form", "order", "alice", default);

        var again = await fixture.Store.PublishAsync("form", "order", "bob", default);

        Assert.That(again.Version, Is.EqualTo(1));
        Assert.That(await fixture.Store.GetHistoryAsync("form", "order", default), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Publish_with_errors_is_refused_with_diagnostics()
    {
        await using var fixture = await StoreFixture.CreateAsync();
        await fixture.Store.SaveDraftAsync("form", "order", Drafts.Form("order"), null, "alice", default);
        await fixture.Store.PublishAsync("form", "order", "alice", default);
        var broken = Drafts.Flow("order-flow").Replace("\"type\": \"initiatorManager\"",
            "\"type\": \"field\", \"value\": \"dueDate\"",
            StringComparison.Ordinal);
        await fixture.Store.SaveDraftAsync("flow", "order-flow", broken, null, "alice", default);

        var refused = Assert.ThrowsAsync<DefinitionValidationException>(() =>
            fixture.Store.PublishAsync("flow", "order-flow", "alice", default));

        Assert.That(
            refused!.Diagnostics.Select(diagnostic => (diagnostic.Code, diagnostic.Pointer)),
            Does.Contain((DiagnosticCodes.AssigneeFieldNotMember, "/nodes/1/assignees/0/value")));
        Assert.That(refused.Message, Does.Contain("nothing was written"));
        Assert.That(await fixture.Store.GetVersionAsync("flow", "order-flow", null, default), Is.Null);
    }

    [Test]
    public async Task History_lists_who_and_when()
    {
        await using var fixture = await StoreFixture.CreateAsync();
        var store = fixture.Store;
        await store.SaveDraftAsync("form", "order", Drafts.Form("order"), null, "alice", default);
        await store.PublishAsync("form", "order", "alice", default);
        await store.SaveDraftAsync("flow", "order-flow", Drafts.Flow("order-flow"), null, "alice", default);
        await store.PublishAsync("flow", "order-flow", "alice", default);
        fixture.Time.Advance(TimeSpan.FromHours(3));
        await store.SaveDraftAsync("flow", "order-flow", Drafts.Flow("order-flow", "Check"), 1, "bob", default);
        await store.PublishAsync("flow", "order-flow", "bob", default);

        var history = await store.GetHistoryAsync("flow", "order-flow", default);

        Assert.That(history.Select(entry => (entry.Version, entry.PublishedBy, entry.PublishedAt)), Is.EqualTo(new[]
        {
            (1, "alice", new DateTimeOffset(2025, 3, 1, 2, 0, 0, TimeSpan.Zero)),
            (2, "bob", new DateTimeOffset(2025, 3, 1, 5, 0, 0, TimeSpan.Zero)),
        }));
        Assert.That(history[0].ContentHash, Is.Not.EqualTo(history[1].ContentHash));
    }

    [Test]
    public async Task Diff_lists_added_removed_and_changed_elements()
    {
        await using var fixture = await StoreFixture.CreateAsync();
        var store = fixture.Store;
        await store.SaveDraftAsync("form", "order", Drafts.Form("order"), null, "alice", default);
        await store.PublishAsync("form", "order", "alice", default);
        await store.SaveDraftAsync("flow", "order-flow", Drafts.Flow("order-flow"), null, "alice", default);
        await store.PublishAsync("flow", "order-flow", "alice", default);
        await store.SaveDraftAsync("flow", "order-flow", Drafts.Flow("order-flow", "Check", withNotify: true), 1,
            "bob", default);
        await store.PublishAsync("flow", "order-flow", "bob", default);

        var diff = await store.DiffAsync("flow", "order-flow", 1, 2, default);

        Assert.That(diff.Changes.Select(change => change.ToString()), Is.EquivalentTo(new[]
        {
            "changed node approve at /nodes/1 (name)",
            "added node notify at /nodes/3",
            "removed edge e2 at /edges/1",
            "added edge e3 at /edges/1",
            "added edge e4 at /edges/2",
        }));
        Assert.That(diff.Changes.Single(change => change.Id == "notify").Type, Is.EqualTo(DefinitionChangeType.Added));
    }

    [Test]
    public void Diff_of_forms_matches_sub_table_columns_by_id()
    {
        const string before = """
            {"kind":"form","name":"A","fields":[{"id":"lines","type":"subTable","fields":[{"id":"qty","type":"number"}]}]}
            """;
        const string after = """
            {"kind":"form","name":"B","fields":[{"id":"note","type":"text"},
             {"id":"lines","type":"subTable","fields":[{"id":"qty","type":"money"},{"id":"sku","type":"text"}]}]}
            """;

        var changes = DefinitionDiffer.Compare(before, after);

        Assert.That(changes.Select(change => change.ToString()), Is.EquivalentTo(new[]
        {
            "changed property name at /name",
            "added field note at /fields/0",
            "changed field lines.qty at /fields/1/fields/0 (type)",
            "added field lines.sku at /fields/1/fields/1",
        }));
    }
}
