using Dapper;
using Microsoft.Data.Sqlite;
using WorkflowKit.Storage.Sqlite;

namespace WorkflowKit.Storage.Tests.Sqlite;

/// <summary>
/// The synchronous setting that write transactions commit with: FULL unless the options ask for
/// NORMAL, also when two database objects on one file share pooled SQLite handles.
/// </summary>
public sealed class SqliteSynchronousTests
{
    private const long Normal = 1;
    private const long Full = 2;

    private string _path = "";

    [SetUp]
    public void ChoosePath() => _path = Path.Combine(Path.GetTempPath(), $"wk-sync-{Guid.NewGuid():N}.db");

    [TearDown]
    public void DeleteFiles()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }
    }

    [Test]
    public async Task Writer_commits_with_full_by_default()
    {
        var database = new SqliteDatabase(_path);

        Assert.That(database.Synchronous, Is.EqualTo(SqliteSynchronous.Full));
        Assert.That(await WriterSettingAsync(database), Is.EqualTo(Full));
        Assert.That(await OpenedSettingAsync(database), Is.EqualTo(Full));
    }

    [Test]
    public async Task Writer_commits_with_normal_when_asked()
    {
        var database = new SqliteDatabase(_path, new SqliteDatabaseOptions { Synchronous = SqliteSynchronous.Normal });

        Assert.That(await WriterSettingAsync(database), Is.EqualTo(Normal));
        Assert.That(await OpenedSettingAsync(database), Is.EqualTo(Normal));
    }

    [Test]
    public async Task Pooled_handle_takes_each_objects_setting()
    {
        var normal = new SqliteDatabase(_path, new SqliteDatabaseOptions { Synchronous = SqliteSynchronous.Normal });
        Assert.That(await OpenedSettingAsync(normal), Is.EqualTo(Normal));

        // Same file, same connection string: the ADO.NET pool hands out the handle NORMAL configured.
        var full = new SqliteDatabase(_path);

        Assert.That(await OpenedSettingAsync(full), Is.EqualTo(Full));
        Assert.That(await OpenedSettingAsync(normal), Is.EqualTo(Normal));
    }

    [Test]
    public void Undefined_setting_is_rejected()
    {
        var options = new SqliteDatabaseOptions { Synchronous = (SqliteSynchronous)7 };

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => _ = new SqliteDatabase(_path, options));

        Assert.That(error!.Message, Does.Contain("Expected SqliteSynchronous.Full or SqliteSynchronous.Normal"));
    }

    private static async Task<long> WriterSettingAsync(SqliteDatabase database)
    {
        await using var transaction = await database.BeginTransactionAsync(CancellationToken.None);
        return await transaction.Connection.ExecuteScalarAsync<long>(
            "PRAGMA synchronous", transaction: transaction.Transaction);
    }

    private static async Task<long> OpenedSettingAsync(SqliteDatabase database)
    {
        await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<long>("PRAGMA synchronous");
    }
}
