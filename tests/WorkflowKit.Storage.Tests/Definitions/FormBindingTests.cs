using System.Data.Common;
using Dapper;
using WorkflowKit.Definitions.Store;
using WorkflowKit.Runtime.Definitions;

namespace WorkflowKit.Storage.Tests.Definitions;

/// <summary>
/// A flow version keeps the form version it was published with: a later form change reaches only
/// flow versions published after it, on SQLite and PostgreSQL.
/// </summary>
[TestFixture(StorageProvider.Sqlite)]
[TestFixture(StorageProvider.PostgreSql)]
public sealed class FormBindingTests(StorageProvider provider)
{
    private const string NoteField = """, { "id": "note", "type": "text", "label": "Note" }""";

    private static async Task PublishAsync(IDefinitionStore store, string kind, string key, string json)
    {
        var draft = await store.GetDraftAsync(kind, key, default);
        await store.SaveDraftAsync(kind, key, json, draft?.Revision, "alice", default);
        await store.PublishAsync(kind, key, "alice", default);
    }

    [Test]
    public async Task Later_form_change_keeps_bound_form()
    {
        await using var fixture = await DefinitionStoreFixture.CreateAsync(provider);
        var store = fixture.Store;
        await PublishAsync(store, "form", "order", Drafts.Form("order"));
        await PublishAsync(store, "flow", "order-flow", Drafts.Flow("order-flow"));

        await PublishAsync(store, "form", "order", Drafts.Form("order", NoteField));

        Assert.That(await store.GetBoundFormVersionAsync("order-flow", 1, default), Is.EqualTo(1));
        var published = await new StoreFlowDefinitionSource(store).GetAsync("order-flow", 1, default);
        Assert.That(published.Form!.Fields.Select(field => field.Id), Is.EqualTo(new[] { "amount", "dueDate" }));
    }

    [Test]
    public async Task Republished_flow_binds_new_form()
    {
        await using var fixture = await DefinitionStoreFixture.CreateAsync(provider);
        var store = fixture.Store;
        await PublishAsync(store, "form", "order", Drafts.Form("order"));
        await PublishAsync(store, "flow", "order-flow", Drafts.Flow("order-flow"));
        await PublishAsync(store, "form", "order", Drafts.Form("order", NoteField));

        var again = await store.PublishAsync("flow", "order-flow", "bob", default);
        var unchanged = await store.PublishAsync("flow", "order-flow", "bob", default);

        Assert.That(again.Version, Is.EqualTo(2));
        Assert.That(unchanged.Version, Is.EqualTo(2));
        Assert.That(await store.GetBoundFormVersionAsync("order-flow", 2, default), Is.EqualTo(2));
        var published = await new StoreFlowDefinitionSource(store).GetAsync("order-flow", null, default);
        Assert.That(published.Form!.Fields.Select(field => field.Id), Does.Contain("note"));
    }

    [Test]
    public async Task Republish_flow_skips_draft()
    {
        await using var fixture = await DefinitionStoreFixture.CreateAsync(provider);
        var store = fixture.Store;
        await PublishAsync(store, "form", "order", Drafts.Form("order"));
        await PublishAsync(store, "flow", "order-flow", Drafts.Flow("order-flow"));
        await PublishAsync(store, "form", "order", Drafts.Form("order", NoteField));
        var draft = await store.GetDraftAsync("flow", "order-flow", default);
        var edited = Drafts.Flow("order-flow", approvalName: "Approve (edited)");
        await store.SaveDraftAsync("flow", "order-flow", edited, draft!.Revision, "alice", default);

        var again = await store.RepublishFlowAsync("order-flow", "bob", "  uses form v2  ", default);
        var unchanged = await store.RepublishFlowAsync("order-flow", "bob", "ignored", default);

        Assert.That(again.Version, Is.EqualTo(2));
        Assert.That(unchanged.Version, Is.EqualTo(2));
        Assert.That(await store.GetBoundFormVersionAsync("order-flow", 2, default), Is.EqualTo(2));
        var first = await store.GetVersionAsync("flow", "order-flow", 1, default);
        Assert.That(again.Json, Is.EqualTo(first!.Json), "republished content");
        var history = await store.GetHistoryAsync("flow", "order-flow", default);
        Assert.That(history.Select(version => version.Comment), Is.EqualTo(new[] { null, "uses form v2" }));
        Assert.That((await store.GetDraftAsync("flow", "order-flow", default))!.Json, Is.EqualTo(edited), "draft");
    }

    [Test]
    public async Task Republish_without_version_fails()
    {
        await using var fixture = await DefinitionStoreFixture.CreateAsync(provider);

        var error = Assert.ThrowsAsync<KeyNotFoundException>(
            () => fixture.Store.RepublishFlowAsync("order-flow", "bob", null, default));

        Assert.That(error!.Message, Is.EqualTo(
            "Flow \"order-flow\" has no published version to publish again. Publish its draft instead."));
    }

    [Test]
    public async Task Publish_stores_comment()
    {
        await using var fixture = await DefinitionStoreFixture.CreateAsync(provider);
        var store = fixture.Store;
        await store.SaveDraftAsync("form", "order", Drafts.Form("order"), null, "alice", default);
        await store.PublishAsync("form", "order", "alice", " 首次发布 ", default);
        await store.SaveDraftAsync("form", "order", Drafts.Form("order", NoteField), 1, "alice", default);

        var tooLong = Assert.ThrowsAsync<ArgumentException>(
            () => store.PublishAsync("form", "order", "alice", new string('x', DefinitionComments.MaxLength + 1), default));
        await store.PublishAsync("form", "order", "alice", "   ", default);

        var history = await store.GetHistoryAsync("form", "order", default);
        Assert.That(history.Select(version => version.Comment), Is.EqualTo(new[] { "首次发布", null }));
        Assert.That(tooLong!.Message, Does.StartWith(
            $"The publish comment has {DefinitionComments.MaxLength + 1} characters; the maximum is 500. Shorten it."));
    }

    [Test]
    public async Task Package_import_rebinds_changed_form()
    {
        await using var fixture = await DefinitionStoreFixture.CreateAsync(provider);
        var package = fixture.CopyExamplePackage();
        await fixture.Store.ImportPackageAsync(package, "admin", default);
        var formFile = Path.Combine(package, "forms", "credit-application.json");
        var text = await File.ReadAllTextAsync(formFile);
        var firstField = text.IndexOf("\"fields\": [", StringComparison.Ordinal) + "\"fields\": [".Length;
        await File.WriteAllTextAsync(formFile,
            text.Insert(firstField, " { \"id\": \"memo\", \"type\": \"text\", \"label\": \"Memo\" },"));

        var second = await fixture.Store.ImportPackageAsync(package, "admin", default);

        Assert.That(await fixture.Store.GetBoundFormVersionAsync("credit-review", 1, default), Is.EqualTo(1));
        Assert.That(second.Published.Select(item => $"{item.Kind}:{item.Key}:{item.Version}").Order(),
            Is.EqualTo(new[] { "flow:credit-followup:2", "flow:credit-review:2", "form:credit-application:2" }));
        Assert.That(await fixture.Store.GetBoundFormVersionAsync("credit-review", 2, default), Is.EqualTo(2));
    }

    [Test]
    public async Task Binding_cannot_be_changed()
    {
        await using var fixture = await DefinitionStoreFixture.CreateAsync(provider);
        await PublishAsync(fixture.Store, "form", "order", Drafts.Form("order"));
        await PublishAsync(fixture.Store, "flow", "order-flow", Drafts.Flow("order-flow"));
        await using var connection = await fixture.Test.Database.OpenConnectionAsync(default);

        var update = Assert.CatchAsync<DbException>(() => connection.ExecuteAsync(
            "UPDATE definition_form_bindings SET form_version = 7"));

        Assert.That(update!.Message, Does.Contain("immutable"));
        Assert.That(await fixture.Store.GetBoundFormVersionAsync("order-flow", 1, default), Is.EqualTo(1));
    }
}
