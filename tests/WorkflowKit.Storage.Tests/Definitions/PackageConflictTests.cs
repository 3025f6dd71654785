using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Store;
using WorkflowKit.Storage.Tests.Support;

namespace WorkflowKit.Storage.Tests.Definitions;

/// <summary>
/// A package imported again after a process owner published a newer version in the designer: the import rejects,
/// keeps or replaces that version as its options say, and a rejected import writes nothing.
/// </summary>
[TestFixture(StorageProvider.Sqlite)]
[TestFixture(StorageProvider.PostgreSql)]
public sealed class PackageConflictTests(StorageProvider provider)
{
    private const string PackageKey = "example-credit-review";
    private static readonly string Package = RepositoryPaths.ExamplePackage;

    [Test]
    public async Task Reimport_rejects_designer_version()
    {
        await using var fixture = await DefinitionStoreFixture.CreateAsync(provider);
        await fixture.Store.ImportPackageAsync(Package, "admin", default);
        var imported = (await fixture.Store.GetPackageAsync(PackageKey, default))!.ImportedAt;
        fixture.Time.Advance(TimeSpan.FromHours(1));
        await PublishOwnerChangeAsync(fixture, "flow", "credit-review");
        fixture.Time.Advance(TimeSpan.FromHours(1));

        var rejected = Assert.ThrowsAsync<PackageConflictException>(() =>
            fixture.Store.ImportPackageAsync(Package, "admin", default));

        var conflict = rejected!.Conflicts.Single();
        Assert.That((conflict.Kind, conflict.Key, conflict.Version), Is.EqualTo(("flow", "credit-review", 2)));
        Assert.That(conflict.PublishedBy, Is.EqualTo("owner"));
        Assert.That(conflict.PublishedAt, Is.EqualTo(new DateTimeOffset(2025, 3, 1, 3, 0, 0, TimeSpan.Zero)));
        Assert.That(conflict.BaseVersion, Is.EqualTo(1));
        Assert.That(conflict.PackageKey, Is.Null);
        Assert.That(rejected.Message, Does.Contain(
            "flow credit-review version 2 was published by owner at 2025-03-01 03:00 UTC after the package's " +
            "version 1"));
        Assert.That((await fixture.Store.GetVersionAsync("flow", "credit-review", null, default))!.Version,
            Is.EqualTo(2));
        Assert.That((await fixture.Store.GetPackageAsync(PackageKey, default))!.ImportedAt, Is.EqualTo(imported));
    }

    [Test]
    public async Task Keep_newer_imports_the_rest()
    {
        await using var fixture = await DefinitionStoreFixture.CreateAsync(provider);
        await fixture.Store.ImportPackageAsync(Package, "admin", default);
        await PublishOwnerChangeAsync(fixture, "flow", "credit-review");
        var folder = fixture.CopyExamplePackage();
        await ChangePackageFileAsync(folder, "forms/credit-log.json");

        var result = await fixture.Store.ImportPackageAsync(
            folder, "admin", new PackageImportOptions { KeepNewer = true }, null, default);

        Assert.That(result.Kept.Select(conflict => $"{conflict.Kind}:{conflict.Key}:{conflict.Version}"),
            Is.EqualTo(new[] { "flow:credit-review:2" }));
        Assert.That(result.Published.Select(item => $"{item.Kind}:{item.Key}:{item.Version}"),
            Does.Contain("form:credit-log:2"));
        Assert.That(result.Published.Select(item => item.Key), Does.Not.Contain("credit-review"));
        var latest = await fixture.Store.GetVersionAsync("flow", "credit-review", null, default);
        Assert.That((latest!.Version, latest.PublishedBy), Is.EqualTo((2, "owner")));
    }

    [TestCase("flow:credit-review")]
    [TestCase("credit-review")]
    public async Task Replace_publishes_package_version(string name)
    {
        await using var fixture = await DefinitionStoreFixture.CreateAsync(provider);
        await fixture.Store.ImportPackageAsync(Package, "admin", default);
        await PublishOwnerChangeAsync(fixture, "flow", "credit-review");
        var options = new PackageImportOptions { Replace = new HashSet<string> { name } };

        var result = await fixture.Store.ImportPackageAsync(Package, "admin", options, null, default);
        var again = await fixture.Store.ImportPackageAsync(Package, "admin", default);

        Assert.That(result.Published.Select(item => $"{item.Kind}:{item.Key}:{item.Version}"),
            Is.EqualTo(new[] { "flow:credit-review:3" }));
        Assert.That(result.Kept, Is.Empty);
        var history = await fixture.Store.GetHistoryAsync("flow", "credit-review", default);
        Assert.That(history[^1].PackageKey, Is.EqualTo(PackageKey));
        Assert.That(again.Published, Is.Empty);
    }

    [Test]
    public async Task Replace_all_covers_every_conflict()
    {
        await using var fixture = await DefinitionStoreFixture.CreateAsync(provider);
        await fixture.Store.ImportPackageAsync(Package, "admin", default);
        await PublishOwnerChangeAsync(fixture, "flow", "credit-review");
        await PublishOwnerChangeAsync(fixture, "flow", "credit-followup");

        var partial = Assert.ThrowsAsync<PackageConflictException>(() => fixture.Store.ImportPackageAsync(
            Package, "admin", new PackageImportOptions { Replace = new HashSet<string> { "flow:credit-review" } },
            null, default));
        var afterRejected = await fixture.Store.GetVersionAsync("flow", "credit-review", null, default);
        var result = await fixture.Store.ImportPackageAsync(
            Package, "admin", new PackageImportOptions { ReplaceAll = true }, null, default);

        Assert.That(partial!.Conflicts.Select(conflict => conflict.Key), Is.EqualTo(new[] { "credit-followup" }));
        Assert.That(afterRejected!.Version, Is.EqualTo(2), "the rejected import must not publish the replaced flow");
        Assert.That(result.Published.Select(item => $"{item.Key}:{item.Version}"),
            Is.EquivalentTo(new[] { "credit-review:3", "credit-followup:3" }));
    }

    [Test]
    public async Task Designer_definition_without_package_base_conflicts()
    {
        await using var fixture = await DefinitionStoreFixture.CreateAsync(provider);
        var customer = JsonNode.Parse(
            await File.ReadAllTextAsync(Path.Combine(Package, "forms", "customer.json")))!.AsObject();
        customer.Remove("$schema");
        customer["description"] = "Published in the designer before the package";
        await fixture.Store.SaveDraftAsync("form", "customer", customer.ToJsonString(), null, "alice", default);
        await fixture.Store.PublishAsync("form", "customer", "alice", default);

        var rejected = Assert.ThrowsAsync<PackageConflictException>(() =>
            fixture.Store.ImportPackageAsync(Package, "admin", default));

        var conflict = rejected!.Conflicts.Single();
        Assert.That((conflict.Key, conflict.PublishedBy, conflict.BaseVersion), Is.EqualTo(("customer", "alice",
            (int?)null)));
        Assert.That(rejected.Message, Does.Contain("and the package never published a version of it"));
        Assert.That(await fixture.Store.GetPackageAsync(PackageKey, default), Is.Null);
        Assert.That((await fixture.Store.ListAsync(default)).Select(item => item.Key), Is.EqualTo(new[] { "customer" }));
    }

    /// <summary>Publishes version 2 of a package definition as "owner" with a changed description.</summary>
    private static async Task PublishOwnerChangeAsync(DefinitionStoreFixture fixture, string kind, string key)
    {
        var latest = await fixture.Store.GetVersionAsync(kind, key, null, default);
        var json = JsonNode.Parse(latest!.Json)!.AsObject();
        json["description"] = "Changed by the process owner";
        var draft = await fixture.Store.GetDraftAsync(kind, key, default);
        await fixture.Store.SaveDraftAsync(kind, key, json.ToJsonString(), draft?.Revision, "owner", default);
        await fixture.Store.PublishAsync(kind, key, "owner", default);
    }

    private static async Task ChangePackageFileAsync(string folder, string file)
    {
        var path = Path.Combine(folder, file);
        var json = JsonNode.Parse(await File.ReadAllTextAsync(path))!.AsObject();
        json["description"] = "Changed in the package's next release";
        await File.WriteAllTextAsync(path, json.ToJsonString());
    }
}
