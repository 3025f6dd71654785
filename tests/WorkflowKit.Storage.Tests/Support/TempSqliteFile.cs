using Microsoft.Data.Sqlite;

namespace WorkflowKit.Storage.Tests.Support;

/// <summary>A SQLite file path under the temp folder that a test deletes, with its WAL and index, afterwards.</summary>
internal sealed class TempSqliteFile(string prefix)
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}.db");

    /// <summary>Closes pooled connections, which keep the files open, and deletes the database, WAL and index.</summary>
    public void Delete()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { Path, Path + "-wal", Path + "-shm" })
        {
            File.Delete(file);
        }
    }
}
