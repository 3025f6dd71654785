using System.Diagnostics;
using Microsoft.Data.Sqlite;
using WorkflowKit.Storage.Sqlite;

namespace WorkflowKit.Bench;

/// <summary>
/// The ceiling: the rate of the smallest durable transaction (one row insert and commit) on the
/// same disk with the settings of the run's engine (WAL, and synchronous FULL as the product ships
/// unless --sqlite-synchronous sets NORMAL).
/// </summary>
public static class CeilingBenchmark
{
    public static async Task<double> MeasureCommitsPerSecondAsync(
        string directory, TimeSpan duration, SqliteSynchronous synchronous)
    {
        var path = Path.Combine(directory, $"ceiling-{Environment.ProcessId}.db");
        var database = new SqliteDatabase(path, new SqliteDatabaseOptions { Synchronous = synchronous });
        try
        {
            await using var connection = (SqliteConnection)await database.OpenConnectionAsync(CancellationToken.None);
            await using (var create = connection.CreateCommand())
            {
                create.CommandText = "CREATE TABLE IF NOT EXISTS ceiling (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)";
                await create.ExecuteNonQueryAsync();
            }

            await using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO ceiling (payload) VALUES ('x')";
            var commits = 0;
            var watch = Stopwatch.StartNew();
            while (watch.Elapsed < duration)
            {
                await using var transaction = connection.BeginTransaction(deferred: false);
                insert.Transaction = transaction;
                await insert.ExecuteNonQueryAsync();
                await transaction.CommitAsync();
                commits++;
            }

            return commits / watch.Elapsed.TotalSeconds;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }
        }
    }
}
