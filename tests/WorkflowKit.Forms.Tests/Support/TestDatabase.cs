using WorkflowKit.Storage.Sqlite;

namespace WorkflowKit.Forms.Tests.Support;

/// <summary>A migrated SQLite file under the temp folder, deleted when disposed.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private TestDatabase(SqliteDatabase database) => Database = database;

    public SqliteDatabase Database { get; }

    public static async Task<TestDatabase> CreateAsync()
    {
        var path = Path.Combine(Path.GetTempPath(), $"wk-forms-{Guid.NewGuid():N}.db");
        var database = new SqliteDatabase(path);
        await SqliteMigrator.MigrateAsync(database, CancellationToken.None);
        return new TestDatabase(database);
    }

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { Database.Path, Database.Path + "-wal", Database.Path + "-shm" })
        {
            File.Delete(file);
        }

        return ValueTask.CompletedTask;
    }
}
