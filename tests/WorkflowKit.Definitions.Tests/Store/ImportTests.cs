using Dapper;
using WorkflowKit.Definitions.Diagnostics;
using WorkflowKit.Definitions.Store;
using WorkflowKit.Definitions.Validation;

namespace WorkflowKit.Definitions.Tests.Store;

public sealed class ImportTests
{
    [Test]
    public async Task Import_publishes_every_document_and_records_package()
    {
        await using var fixture = await StoreFixture.CreateAsync();

        var result = await fixture.Store.ImportPackageAsync(TestPaths.ExamplePackage, "admin", default);

        Assert.That(result.Published.Select(item => $"{item.Kind}:{item.Key}:{item.Version}"), Is.EquivalentTo(new[]
        {
            "form:customer:1", "form:credit-application:1", "form:credit-log:1",
            "flow:credit-review:1", "flow:credit-followup:1", "view:open-applications:1",
        }));
        var package = await fixture.Store.GetPackageAsync("example-credit-review", default);
        Assert.That(package!.Members, Has.Count.EqualTo(6));
        Assert.That(package.Files.Keys, Is.EquivalentTo(new[] { "data/customers.csv" }));
    }

    [Test]
    public async Task Reimport_of_same_package_publishes_nothing()
    {
        await using var fixture = await StoreFixture.CreateAsync();
        await fixture.Store.ImportPackageAsync(TestPaths.ExamplePackage, "admin", default);

        var again = await fixture.Store.ImportPackageAsync(TestPaths.ExamplePackage, "admin", default);

        Assert.That(again.Published, Is.Empty);
        Assert.That(again.Unchanged, Has.Count.EqualTo(6));
    }

    [Test]
    public async Task Invalid_package_writes_nothing()
    {
        await using var fixture = await StoreFixture.CreateAsync();
        var folder = fixture.CopyExamplePackage();
        var flowPath = Path.Combine(folder, "flows", "credit-review.json");
        await File.WriteAllTextAsync(flowPath, (await File.ReadAllTextAsync(flowPath)).Replace(
            "\"cron\": \"0 8 * * 1-5\"", "\"cron\": \"BadCronExpression\"", StringComparison.Ordinal));

        var refused = Assert.ThrowsAsync<DefinitionValidationException>(() =>
            fixture.Store.ImportPackageAsync(folder, "admin", default));

        Assert.That(refused!.Diagnostics.Select(diagnostic => (diagnostic.Code, diagnostic.Pointer)),
            Does.Contain((DiagnosticCodes.InvalidCron, "/triggers/1/cron")));
        Assert.That(await fixture.Store.ListAsync(default), Is.Empty);
        Assert.That(await fixture.Store.GetPackageAsync("example-credit-review", default), Is.Null);
    }

    [Test]
    public async Task Failure_part_way_rolls_back_the_whole_import()
    {
        await using var fixture = await StoreFixture.CreateAsync();
        await using (var connection = await fixture.Database.OpenConnectionAsync(default))
        {
            // The last document of the package fails to insert, after the others were written.
            await connection.ExecuteAsync(
                "CREATE TRIGGER fail_view BEFORE INSERT ON definition_versions WHEN NEW.kind = 'view' " +
                "BEGIN SELECT RAISE(ABORT, 'disk full (simulated)'); END;");
        }

        var failure = Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() =>
            fixture.Store.ImportPackageAsync(TestPaths.ExamplePackage, "admin", default));

        Assert.That(failure!.Message, Does.Contain("disk full (simulated)"));
        Assert.That(await fixture.Store.ListAsync(default), Is.Empty);
        Assert.That(await fixture.Store.GetPackageAsync("example-credit-review", default), Is.Null);
    }

    [Test]
    public async Task Exported_package_validates_and_reimports_unchanged()
    {
        await using var fixture = await StoreFixture.CreateAsync();
        await fixture.Store.ImportPackageAsync(TestPaths.ExamplePackage, "admin", default);
        var target = Path.Combine(fixture.Folder, "exported");

        var files = await DefinitionExporter.ExportPackageAsync(fixture.Store, "example-credit-review", target,
            default);

        Assert.That(files, Has.Count.EqualTo(8));
        var report = await DefinitionValidator.ValidatePackageAsync(target, default);
        Assert.That(report.Diagnostics.Where(diagnostic => diagnostic.IsError), Is.Empty);
        var again = await fixture.Store.ImportPackageAsync(target, "admin", default);
        Assert.That(again.Published, Is.Empty);
    }

    [Test]
    public async Task List_shows_latest_version_and_draft()
    {
        await using var fixture = await StoreFixture.CreateAsync();
        await fixture.Store.ImportPackageAsync(TestPaths.ExamplePackage, "admin", default);
        await fixture.Store.SaveDraftAsync("form", "order", Drafts.Form("order"), null, "alice", default);

        var list = await fixture.Store.ListAsync(default);

        var customer = list.Single(item => item.Key == "customer");
        Assert.That((customer.Kind, customer.Name, customer.LatestVersion, customer.DraftRevision),
            Is.EqualTo(("form", "Customer", (int?)1, (long?)null)));
        var order = list.Single(item => item.Key == "order");
        Assert.That((order.LatestVersion, order.DraftRevision), Is.EqualTo(((int?)null, (long?)1)));
    }
}
