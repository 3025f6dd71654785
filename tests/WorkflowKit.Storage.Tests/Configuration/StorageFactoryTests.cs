using Microsoft.Extensions.Time.Testing;
using WorkflowKit.Storage.Tests.Support;

namespace WorkflowKit.Storage.Tests.Configuration;

[TestFixture(StorageProvider.Sqlite)]
[TestFixture(StorageProvider.PostgreSql)]
public sealed class StorageFactoryTests(StorageProvider provider)
{
    [Test]
    public async Task Open_migrates_and_serves_every_store()
    {
        await using var test = await TestDatabase.CreateAsync(provider, migrate: false);
        var options = StorageOptions.Detect(test.ConnectionString);

        await using var stores = await StorageFactory.OpenAsync(options, new FakeTimeProvider(), null, default);
        var imported = await stores.Definitions.ImportPackageAsync(RepositoryPaths.ExamplePackage, "admin", default);

        Assert.That(options.Provider, Is.EqualTo(provider));
        Assert.That(imported.Published, Has.Count.EqualTo(6));
        Assert.That(await stores.Organization.ListUsersAsync(default), Is.Empty);
        Assert.That(await stores.Runtime.GetNextDueAsync(default), Is.Null);
        Assert.That(await stores.RecordForms.FindFormAsync("customer", default), Is.Null);
    }

    [Test]
    public async Task Nodes_opening_at_once_migrate_once()
    {
        await using var test = await TestDatabase.CreateAsync(provider, migrate: false);
        var options = StorageOptions.Detect(test.ConnectionString);

        var opened = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
            StorageFactory.OpenAsync(options, TimeProvider.System, null, default))));

        foreach (var stores in opened)
        {
            Assert.That(await stores.Definitions.ListAsync(default), Is.Empty);
            await stores.DisposeAsync();
        }
    }
}
