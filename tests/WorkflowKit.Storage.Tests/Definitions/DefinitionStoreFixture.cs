using Microsoft.Extensions.Time.Testing;
using WorkflowKit.Definitions.Store;
using WorkflowKit.Storage.PostgreSql;
using WorkflowKit.Storage.PostgreSql.Definitions;
using WorkflowKit.Storage.Sqlite;
using WorkflowKit.Storage.Sqlite.Definitions;

namespace WorkflowKit.Storage.Tests.Definitions;

/// <summary>A fresh migrated database of one provider with a definitions store on a fake clock.</summary>
internal sealed class DefinitionStoreFixture : IAsyncDisposable
{
    private DefinitionStoreFixture(TestDatabase test, IDefinitionStore store, FakeTimeProvider time, string folder)
    {
        Test = test;
        Store = store;
        Time = time;
        Folder = folder;
    }

    public TestDatabase Test { get; }

    public IDefinitionStore Store { get; }

    public FakeTimeProvider Time { get; }

    /// <summary>A temp folder the test may write packages into.</summary>
    public string Folder { get; }

    public static async Task<DefinitionStoreFixture> CreateAsync(StorageProvider provider)
    {
        var test = await TestDatabase.CreateAsync(provider);
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 2, 0, 0, TimeSpan.Zero));
        IDefinitionStore store = test.Database switch
        {
            SqliteDatabase sqlite => new SqliteDefinitionStore(sqlite, time),
            PostgresDatabase postgres => new PostgresDefinitionStore(postgres, time),
            _ => throw new InvalidOperationException($"No definitions store for {test.Database.GetType().Name}."),
        };
        var folder = Path.Combine(Path.GetTempPath(), "wk-defs-contract-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return new DefinitionStoreFixture(test, store, time, folder);
    }

    /// <summary>Copies the example package so that a test may change it.</summary>
    public string CopyExamplePackage()
    {
        var source = Support.RepositoryPaths.ExamplePackage;
        var target = Path.Combine(Folder, "package");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        return target;
    }

    public async ValueTask DisposeAsync()
    {
        await Test.DisposeAsync();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow machine stays in the temp folder; other tests are unaffected.
        }
    }
}
