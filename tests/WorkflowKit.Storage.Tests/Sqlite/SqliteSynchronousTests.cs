using Dapper;
using WorkflowKit.Storage.Sqlite;
using WorkflowKit.Storage.Tests.Support;

namespace WorkflowKit.Storage.Tests.Sqlite;

/// <summary>
/// The synchronous setting that write transactions commit with: FULL unless the options ask for
/// NORMAL, also when two database objects on one file share pooled SQLite handles.
/// </summary>
public sealed class SqliteSynchronousTests
{
    private const long Normal = 1;
    private const long Full = 2;

    private TempSqliteFile _file = null!;

    [SetUp]
    public void ChoosePath() => _file = new TempSqliteFile("wk-sync");

    [TearDown]
    public void DeleteFiles() => _file.Delete();

    [Test]
    public async Task Writer_commits_with_full_by_default()
    {
        var database = new SqliteDatabase(_file.Path);

        Assert.That(database.Synchronous, Is.EqualTo(SqliteSynchronous.Full));
        Assert.That(await WriterSettingAsync(database), Is.EqualTo(Full));
        Assert.That(await OpenedSettingAsync(database), Is.EqualTo(Full));
    }

    [Test]
    public async Task Writer_commits_with_normal_when_asked()
    {
        var database = new SqliteDatabase(_file.Path, new SqliteDatabaseOptions { Synchronous = SqliteSynchronous.Normal });

        Assert.That(await WriterSettingAsync(database), Is.EqualTo(Normal));
        Assert.That(await OpenedSettingAsync(database), Is.EqualTo(Normal));
    }

    [Test]
    public async Task Pooled_handle_takes_each_objects_setting()
    {
        var normal = new SqliteDatabase(_file.Path, new SqliteDatabaseOptions { Synchronous = SqliteSynchronous.Normal });
        Assert.That(await OpenedSettingAsync(normal), Is.EqualTo(Normal));

        // Same file, same connection string: the ADO.NET pool hands out the handle NORMAL configured.
        var full = new SqliteDatabase(_file.Path);

        Assert.That(await OpenedSettingAsync(full), Is.EqualTo(Full));
        Assert.That(await OpenedSettingAsync(normal), Is.EqualTo(Normal));
    }

    [Test]
    public void Undefined_setting_is_rejected()
    {
        var options = new SqliteDatabaseOptions { Synchronous = (SqliteSynchronous)7 };

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => _ = new SqliteDatabase(_file.Path, options));

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
