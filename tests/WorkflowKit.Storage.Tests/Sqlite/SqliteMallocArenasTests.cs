using System.Runtime.InteropServices;
using Dapper;
using Microsoft.Data.Sqlite;
using WorkflowKit.Storage.Sqlite;

namespace WorkflowKit.Storage.Tests.Sqlite;

public sealed class SqliteMallocArenasTests
{
    [Test]
    public void Opening_database_caps_glibc_arenas()
    {
        Assume.That(IsGlibc(), Is.True, "The arena cap applies to glibc on Linux only.");
        Assume.That(
            Environment.GetEnvironmentVariable(SqliteMallocArenas.EnvironmentVariable), Is.Null.Or.Empty,
            "MALLOC_ARENA_MAX is set for this test run, so the database leaves glibc's limit to it.");
        var path = Path.Combine(Path.GetTempPath(), $"wk-arenas-{Guid.NewGuid():N}.db");

        _ = new SqliteDatabase(path);

        Assert.That(SqliteDatabase.MallocArenaLimit, Is.EqualTo(SqliteMallocArenas.MaxArenas));
        SqliteConnection.ClearAllPools();
        File.Delete(path);
    }

    [Test]
    public async Task Background_checkpoints_trim_arenas()
    {
        Assume.That(IsGlibc(), Is.True, "Trimming calls glibc's malloc_trim, on Linux only.");
        var path = Path.Combine(Path.GetTempPath(), $"wk-trim-{Guid.NewGuid():N}.db");
        var database = new SqliteDatabase(path);
        await using (var create = await database.BeginTransactionAsync(CancellationToken.None))
        {
            await create.Connection.ExecuteAsync("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT)",
                transaction: create.Transaction);
            await create.CommitAsync(CancellationToken.None);
        }

        var trimsBefore = SqliteMallocArenas.Trims;

        // A checkpoint starts after every 32 commits unless the previous one still runs, so the number of commits
        // needed varies. The loop stops by itself after 20,000.
        for (var i = 0; i < 20_000 && database.BackgroundCheckpoints < SqliteCheckpointer.CheckpointsPerTrim; i++)
        {
            await using var write = await database.BeginTransactionAsync(CancellationToken.None);
            await write.Connection.ExecuteAsync("INSERT INTO items (name) VALUES ('a')", transaction: write.Transaction);
            await write.CommitAsync(CancellationToken.None);
        }

        // The trim follows the checkpoint's count in the same background task.
        for (var wait = 0; wait < 1_000 && SqliteMallocArenas.Trims == trimsBefore; wait++)
        {
            await Task.Delay(10);
        }

        Assert.That(database.BackgroundCheckpoints, Is.GreaterThanOrEqualTo(SqliteCheckpointer.CheckpointsPerTrim));
        Assert.That(SqliteMallocArenas.Trims, Is.GreaterThan(trimsBefore));
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }

    [TestCase(null, true, SqliteMallocArenas.MaxArenas)]
    [TestCase("", true, SqliteMallocArenas.MaxArenas)]
    [TestCase("4", true, null)]
    [TestCase("1", true, null)]
    [TestCase(null, false, null)]
    public void Limit_follows_environment_and_system(string? environmentValue, bool isLinux, int? expected)
    {
        Assert.That(SqliteMallocArenas.LimitFor(environmentValue, isLinux), Is.EqualTo(expected));
    }

    /// <summary>True when the process runs on glibc, whose mallopt the cap calls.</summary>
    private static bool IsGlibc() =>
        OperatingSystem.IsLinux()
        && NativeLibrary.TryLoad("libc.so.6", out var libc)
        && NativeLibrary.TryGetExport(libc, "gnu_get_libc_version", out _);
}
