using System.Data.Common;
using Dapper;
using WorkflowKit.Definitions.Diagnostics;
using WorkflowKit.Definitions.Store;
using WorkflowKit.Definitions.Validation;
using WorkflowKit.Storage.Tests.Support;

namespace WorkflowKit.Storage.Tests.Definitions;

/// <summary>The definitions store contract, run against SQLite and PostgreSQL.</summary>
[TestFixture(StorageProvider.Sqlite)]
[TestFixture(StorageProvider.PostgreSql)]
public sealed class DefinitionStoreContractTests(StorageProvider provider)
{
    [Test]
    public async Task Publish_numbers_versions_and_keeps_old_content()
    {
        await using var fixture = await DefinitionStoreFixture.CreateAsync(provider);
        var store = fixture.Store;
        await store.SaveDraftAsync("form", "order", Drafts.Form("order"), null, "alice", default);
        var v1 = await store.PublishAsync("form", "order", "alice", default);
        await store.SaveDraftAsync("form", "order",
            Drafts.Form("order", """, { "id": "note", "type": "text", "label": "Note" }"""), 1, "bob", default);

        var v2 = await store.PublishAsync("form", "order", "bob", default);

        Assert.That((v1.Version, v2.Version), Is.EqualTo((1, 2)));
        Assert.That((await store.GetVersionAsync("form", "order", 1, default))!.Json, Is.EqualTo(v1.Json));
        Assert.That((await store.GetVersionAsync("form", "order", null, default))!.Json, Does.Contain("\"note\""));
        Assert.That(v1.Json, Does.Not.Contain("\"note\""));
    }

    [Test]
    public async Task Published_version_cannot_be_updated_or_deleted()
    {
        await using var fixture = await DefinitionStoreFixture.CreateAsync(provider);
        await fixture.Store.SaveDraftAsync("form", "order", Drafts.Form("order"), null, "alice", default);
        var v1 = await fixture.Store.PublishAsync("form", "order", "alice", default);
        await using var connection = await fixture.Test.Database.OpenConnectionAsync(default);

        var update = Assert.CatchAsync<DbException>(() => connection.ExecuteAsync(
            "UPDATE definition_versions SET content = '{}' WHERE kind = 'form' AND key = 'order'"));
        var delete = Assert.CatchAsync<DbException>(() => connection.ExecuteAsync(
            "DELETE FROM definition_versions WHERE kind = 'form' AND key = 'order'"));

        Assert.That(update!.Message, Does.Contain("immutable; publish a new version instead"));
        Assert.That(delete!.Message, Does.Contain("immutable and cannot be deleted"));
        Assert.That((await fixture.Store.GetVersionAsync("form", "order", 1, default))!.Json, Is.EqualTo(v1.Json));
    }

    [Test]
    public async Task Publish_of_unchanged_draft_returns_latest()
    {
        await using var fixture = await DefinitionStoreFixture.CreateAsync(provider);
        await fixture.Store.SaveDraftAsync("form", "order", Drafts.Form("order"), null, "alice", default);
        await fixture.Store.PublishAsync("form", "order", "alice", default);

        var again = await fixture.Store.PublishAsync("form", "order", "bob", default);

        Assert.That(again.Version, Is.EqualTo(1));
        Assert.That(await fixture.Store.GetHistoryAsync("form", "order", default), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Concurrent_publishes_give_one_version()
    {
        await using var fixture = await DefinitionStoreFixture.CreateAsync(provider);
        await fixture.Store.SaveDraftAsync("form", "order", Drafts.Form("order"), null, "alice", default);

        var versions = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() =>
            fixture.Store.PublishAsync("form", "order", $"user{i}", default))));

        Assert.That(versions.Select(version => version.Version).Distinct(), Is.EqualTo(new[] { 1 }));
        Assert.That(await fixture.Store.GetHistoryAsync("form", "order", default), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Publish_with_errors_is_refused()
    {
        await using var fixture = await DefinitionStoreFixture.CreateAsync(provider);
        await fixture.Store.SaveDraftAsync("form", "order", Drafts.Form("order"), null, "alice", default);
        await fixture.Store.PublishAsync("form", "order", "alice", default);
        var broken = Drafts.Flow("order-flow").Replace(
            "\"type\": \"initiatorManager\"", "\"type\": \"field\", \"value\": \"dueDate\"", StringComparison.Ordinal);
        await fixture.Store.SaveDraftAsync("flow", "order-flow", broken, null, "alice", default);

        var refused = Assert.ThrowsAsync<DefinitionValidationException>(() =>
            fixture.Store.PublishAsync("flow", "order-flow", "alice", default));

        Assert.That(refused!.Diagnostics.Select(diagnostic => (diagnostic.Code, diagnostic.Pointer)),
            Does.Contain((DiagnosticCodes.AssigneeFieldNotMember, "/nodes/1/assignees/0/value")));
        Assert.That(await fixture.Store.GetVersionAsync("flow", "order-flow", null, default), Is.Null);
    }

    [Test]
    public async Task Flow_before_its_form_rejected()
    {
        await using var fixture = await DefinitionStoreFixture.CreateAsync(provider);
        await fixture.Store.SaveDraftAsync("form", "order", Drafts.Form("order"), null, "alice", default);
        await fixture.Store.SaveDraftAsync("flow", "order-flow", Drafts.Flow("order-flow"), null, "alice", default);

        var rejected = Assert.ThrowsAsync<DefinitionValidationException>(
            () => fixture.Store.PublishAsync("flow", "order-flow", "alice", default));
        await fixture.Store.PublishAsync("form", "order", "alice", default);
        var published = await fixture.Store.PublishAsync("flow", "order-flow", "alice", default);

        var error = rejected!.Diagnostics.Single(diagnostic => diagnostic.Code == DiagnosticCodes.FormNotPublished);
        Assert.That(error.Pointer, Is.EqualTo("/form"));
        Assert.That(error.Message, Does.StartWith("Form \"order\" is not published. Publish form \"order\" first"));
        Assert.That(published.Version, Is.EqualTo(1));
    }

    [Test]
    public async Task History_lists_who_and_when()
    {
        await using var fixture = await DefinitionStoreFixture.CreateAsync(provider);
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
    public async Task Diff_names_changed_node()
    {
        await using var fixture = await DefinitionStoreFixture.CreateAsync(provider);
        var store = fixture.Store;
        await store.SaveDraftAsync("form", "order", Drafts.Form("order"), null, "alice", default);
        await store.PublishAsync("form", "order", "alice", default);
        await store.SaveDraftAsync("flow", "order-flow", Drafts.Flow("order-flow"), null, "alice", default);
        await store.PublishAsync("flow", "order-flow", "alice", default);
        await store.SaveDraftAsync("flow", "order-flow", Drafts.Flow("order-flow", "Check"), 1, "bob", default);
        await store.PublishAsync("flow", "order-flow", "bob", default);

        var diff = await store.DiffAsync("flow", "order-flow", 1, 2, default);

        Assert.That(diff.Changes.Select(change => change.ToString()),
            Is.EqualTo(new[] { "changed node approve at /nodes/1 (name)" }));
    }

    [Test]
    public async Task Concurrent_saves_from_one_revision_give_one_winner()
    {
        await using var fixture = await DefinitionStoreFixture.CreateAsync(provider);
        var first = await fixture.Store.SaveDraftAsync(
            "flow", "order-flow", Drafts.Flow("order-flow"), null, "alice", default);

        var results = await Task.WhenAll(new[] { "bob", "carol" }.Select(user => Task.Run(async () =>
        {
            try
            {
                var draft = await fixture.Store.SaveDraftAsync(
                    "flow", "order-flow", Drafts.Flow("order-flow", user), first.Revision, user, default);
                return (User: user, Saved: (long?)draft.Revision, Conflict: (ConcurrencyConflictException?)null);
            }
            catch (ConcurrencyConflictException conflict)
            {
                return (User: user, Saved: null, Conflict: conflict);
            }
        })));

        var winner = results.Single(result => result.Saved is not null);
        var loser = results.Single(result => result.Conflict is not null);
        Assert.That(winner.Saved, Is.EqualTo(2));
        Assert.That((loser.Conflict!.ExpectedVersion, loser.Conflict.ActualVersion, loser.Conflict.ChangedBy),
            Is.EqualTo(((long?)1, (long?)2, winner.User)));
    }

    [Test]
    public async Task Concurrent_new_drafts_give_one_winner()
    {
        await using var fixture = await DefinitionStoreFixture.CreateAsync(provider);

        var results = await Task.WhenAll(new[] { "bob", "carol", "dave" }.Select(user => Task.Run(async () =>
        {
            try
            {
                await fixture.Store.SaveDraftAsync("form", "order", Drafts.Form("order"), null, user, default);
                return true;
            }
            catch (ConcurrencyConflictException conflict)
                when (conflict.Message.Contains("no draft (a new definition)"))
            {
                return false;
            }
        })));

        Assert.That(results.Count(saved => saved), Is.EqualTo(1));
        Assert.That((await fixture.Store.GetDraftAsync("form", "order", default))!.Revision, Is.EqualTo(1));
    }

    [Test]
    public async Task Stale_save_conflicts_with_full_message()
    {
        await using var fixture = await DefinitionStoreFixture.CreateAsync(provider);
        await fixture.Store.SaveDraftAsync("form", "order", Drafts.Form("order"), null, "alice", default);
        await fixture.Store.SaveDraftAsync("form", "order", Drafts.Form("order"), 1, "bob", default);

        var conflict = Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            fixture.Store.SaveDraftAsync("form", "order", Drafts.Form("order"), 1, "alice", default));

        Assert.That(conflict!.Message, Is.EqualTo(
            "The draft of form \"order\" changed since you loaded it: your save was based on revision 1, but it is " +
            "now at revision 2, saved by bob at 2025-03-01T02:00:00.0000000+00:00. Reload the draft, reapply your " +
            "change and save again."));
    }

    [Test]
    public async Task Import_publishes_documents_and_records_package()
    {
        await using var fixture = await DefinitionStoreFixture.CreateAsync(provider);

        var result = await fixture.Store.ImportPackageAsync(RepositoryPaths.ExamplePackage, "admin", default);

        Assert.That(result.Published.Select(item => $"{item.Kind}:{item.Key}:{item.Version}"), Is.EquivalentTo(new[]
        {
            "form:customer:1", "form:credit-application:1", "form:credit-log:1",
            "flow:credit-review:1", "flow:credit-followup:1", "view:open-applications:1",
        }));
        var package = await fixture.Store.GetPackageAsync("example-credit-review", default);
        Assert.That(package!.Members, Has.Count.EqualTo(6));
        Assert.That(package.Files.Keys, Is.EquivalentTo(new[] { "data/customers.csv" }));
        Assert.That(package.Files["data/customers.csv"], Is.EqualTo(
            await File.ReadAllBytesAsync(Path.Combine(RepositoryPaths.ExamplePackage, "data", "customers.csv"))));
    }

    [Test]
    public async Task Reimport_publishes_nothing()
    {
        await using var fixture = await DefinitionStoreFixture.CreateAsync(provider);
        await fixture.Store.ImportPackageAsync(RepositoryPaths.ExamplePackage, "admin", default);

        var again = await fixture.Store.ImportPackageAsync(RepositoryPaths.ExamplePackage, "admin", default);

        Assert.That((again.Published.Count, again.Unchanged.Count), Is.EqualTo((0, 6)));
    }

    [Test]
    public async Task Concurrent_imports_publish_each_document_once()
    {
        await using var fixture = await DefinitionStoreFixture.CreateAsync(provider);

        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() =>
            fixture.Store.ImportPackageAsync(RepositoryPaths.ExamplePackage, "admin", default))));

        var list = await fixture.Store.ListAsync(default);
        Assert.That(list.Select(item => item.LatestVersion).Distinct(), Is.EqualTo(new int?[] { 1 }));
        Assert.That(list, Has.Count.EqualTo(6));
    }

    [Test]
    public async Task Invalid_package_writes_nothing()
    {
        await using var fixture = await DefinitionStoreFixture.CreateAsync(provider);
        var folder = fixture.CopyExamplePackage();
        var flowPath = Path.Combine(folder, "flows", "credit-review.json");
        await File.WriteAllTextAsync(flowPath, (await File.ReadAllTextAsync(flowPath)).Replace(
            "\"cron\": \"0 8 * * 1-5\"", "\"cron\": \"BadCronExpression\"", StringComparison.Ordinal));

        var refused = Assert.ThrowsAsync<DefinitionValidationException>(() =>
            fixture.Store.ImportPackageAsync(folder, "admin", default));

        Assert.That(refused!.Diagnostics.Select(diagnostic => diagnostic.Code),
            Does.Contain(DiagnosticCodes.InvalidCron));
        Assert.That(await fixture.Store.ListAsync(default), Is.Empty);
        Assert.That(await fixture.Store.GetPackageAsync("example-credit-review", default), Is.Null);
    }

    [Test]
    public async Task Import_needs_forms_outside_package_published()
    {
        await using var fixture = await DefinitionStoreFixture.CreateAsync(provider);
        var folder = fixture.CopyExamplePackage();
        var manifestPath = Path.Combine(folder, "package.json");
        await File.WriteAllTextAsync(manifestPath, (await File.ReadAllTextAsync(manifestPath)).Replace(
            ", \"forms/credit-log.json\"]", "]", StringComparison.Ordinal));

        var refused = Assert.ThrowsAsync<DefinitionValidationException>(() =>
            fixture.Store.ImportPackageAsync(folder, "admin", default));
        Assert.That(await fixture.Store.ListAsync(default), Is.Empty);
        await fixture.Store.SaveDraftAsync("form", "credit-log",
            await File.ReadAllTextAsync(Path.Combine(folder, "forms", "credit-log.json")), null, "admin", default);
        await fixture.Store.PublishAsync("form", "credit-log", "admin", default);
        var imported = await fixture.Store.ImportPackageAsync(folder, "admin", default);

        var errors = refused!.Diagnostics.Where(diagnostic => diagnostic.Code == DiagnosticCodes.FormNotPublished).ToList();
        Assert.That(errors, Has.Count.EqualTo(1));
        Assert.That(errors[0].Message, Does.StartWith("Form \"credit-log\" is not published."));
        Assert.That(errors[0].Pointer, Does.EndWith("/form"));
        Assert.That(imported.Published.Select(item => item.Key), Does.Contain("credit-review"));
    }

    [Test]
    public async Task Failure_part_way_rolls_back_import()
    {
        await using var fixture = await DefinitionStoreFixture.CreateAsync(provider);
        await using (var connection = await fixture.Test.Database.OpenConnectionAsync(default))
        {
            await connection.ExecuteAsync(provider == StorageProvider.Sqlite
                ? "CREATE TRIGGER fail_view BEFORE INSERT ON definition_versions WHEN NEW.kind = 'view' " +
                  "BEGIN SELECT RAISE(ABORT, 'disk full (simulated)'); END;"
                : "CREATE FUNCTION fail_view() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN " +
                  "RAISE EXCEPTION 'disk full (simulated)'; END; $$; " +
                  "CREATE TRIGGER fail_view BEFORE INSERT ON definition_versions FOR EACH ROW " +
                  "WHEN (NEW.kind = 'view') EXECUTE FUNCTION fail_view();");
        }

        var failure = Assert.CatchAsync<DbException>(() =>
            fixture.Store.ImportPackageAsync(RepositoryPaths.ExamplePackage, "admin", default));

        Assert.That(failure!.Message, Does.Contain("disk full (simulated)"));
        Assert.That(await fixture.Store.ListAsync(default), Is.Empty);
        Assert.That(await fixture.Store.GetPackageAsync("example-credit-review", default), Is.Null);
    }

    [Test]
    public async Task Exported_package_reimports_unchanged()
    {
        await using var fixture = await DefinitionStoreFixture.CreateAsync(provider);
        await fixture.Store.ImportPackageAsync(RepositoryPaths.ExamplePackage, "admin", default);
        var target = Path.Combine(fixture.Folder, "exported");

        var files = await DefinitionExporter.ExportPackageAsync(
            fixture.Store, "example-credit-review", target, default);

        Assert.That(files, Has.Count.EqualTo(8));
        var report = await DefinitionValidator.ValidatePackageAsync(target, default);
        Assert.That(report.Diagnostics.Where(diagnostic => diagnostic.IsError), Is.Empty);
        Assert.That((await fixture.Store.ImportPackageAsync(target, "admin", default)).Published, Is.Empty);
    }

    [Test]
    public async Task List_shows_latest_version_and_draft()
    {
        await using var fixture = await DefinitionStoreFixture.CreateAsync(provider);
        await fixture.Store.ImportPackageAsync(RepositoryPaths.ExamplePackage, "admin", default);
        await fixture.Store.SaveDraftAsync("form", "order", Drafts.Form("order"), null, "alice", default);

        var list = await fixture.Store.ListAsync(default);

        Assert.That(list.Select(item => $"{item.Kind}:{item.Key}"), Is.EqualTo(new[]
        {
            "flow:credit-followup", "flow:credit-review", "form:credit-application", "form:credit-log",
            "form:customer", "form:order", "view:open-applications",
        }));
        var customer = list.Single(item => item.Key == "customer");
        Assert.That((customer.Name, customer.LatestVersion, customer.DraftRevision),
            Is.EqualTo(("Customer", (int?)1, (long?)null)));
        var order = list.Single(item => item.Key == "order");
        Assert.That((order.LatestVersion, order.DraftRevision), Is.EqualTo(((int?)null, (long?)1)));
    }
}
