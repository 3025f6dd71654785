using Microsoft.Extensions.Time.Testing;
using WorkflowKit.Storage.Sqlite;
using WorkflowKit.Storage.Sqlite.Definitions;

namespace WorkflowKit.Definitions.Tests.Store;

/// <summary>A fresh SQLite file, migrated, with a store on a fake clock; deleted on dispose.</summary>
internal sealed class StoreFixture : IAsyncDisposable
{
    private StoreFixture(string folder, SqliteDatabase database, FakeTimeProvider time)
    {
        Folder = folder;
        Database = database;
        Time = time;
        Store = new SqliteDefinitionStore(database, time);
    }

    public string Folder { get; }

    public SqliteDatabase Database { get; }

    public FakeTimeProvider Time { get; }

    public SqliteDefinitionStore Store { get; }

    public static async Task<StoreFixture> CreateAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "wk-defs-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var database = new SqliteDatabase(Path.Combine(folder, "store.db"));
        await SqliteMigrator.MigrateAsync(database, CancellationToken.None);
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 2, 0, 0, TimeSpan.Zero));
        return new StoreFixture(folder, database, time);
    }

    /// <summary>Copies the example package into this fixture's folder so a test may change it.</summary>
    public string CopyExamplePackage()
    {
        var target = Path.Combine(Folder, "package-" + Guid.NewGuid().ToString("N")[..8]);
        foreach (var file in Directory.EnumerateFiles(TestPaths.ExamplePackage, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(TestPaths.ExamplePackage, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        return target;
    }

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow machine stays in the temp folder; it does not affect other tests.
        }

        return ValueTask.CompletedTask;
    }
}
