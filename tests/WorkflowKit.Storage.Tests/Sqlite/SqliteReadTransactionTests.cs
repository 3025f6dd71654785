using Dapper;
using Microsoft.Data.Sqlite;
using WorkflowKit.Storage.Sqlite;

namespace WorkflowKit.Storage.Tests.Sqlite;

public sealed class SqliteReadTransactionTests
{
    private string _path = string.Empty;
    private SqliteDatabase _database = null!;

    [SetUp]
    public async Task CreateDatabase()
    {
        _path = Path.Combine(Path.GetTempPath(), $"wk-read-{Guid.NewGuid():N}.db");
        _database = new SqliteDatabase(_path);
        await using var write = await _database.BeginTransactionAsync(CancellationToken.None);
        await write.Connection.ExecuteAsync("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT)", transaction: write.Transaction);
        await write.CommitAsync(CancellationToken.None);
    }

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
    public async Task Read_reuses_connection_of_previous_read()
    {
        var first = await _database.BeginReadTransactionAsync(CancellationToken.None);
        var connection = first.Connection;
        await first.DisposeAsync();

        await using var second = await _database.BeginReadTransactionAsync(CancellationToken.None);

        Assert.That(second.Connection, Is.SameAs(connection));
        Assert.That(second.Connection.State, Is.EqualTo(System.Data.ConnectionState.Open));
    }

    [Test]
    public async Task Reused_read_sees_later_commits()
    {
        await using (var before = await _database.BeginReadTransactionAsync(CancellationToken.None))
        {
            var count = await before.Connection.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM items", transaction: before.Transaction);
            Assert.That(count, Is.Zero);
        }

        await using (var write = await _database.BeginTransactionAsync(CancellationToken.None))
        {
            await write.Connection.ExecuteAsync(
                "INSERT INTO items (name) VALUES ('a'), ('b')", transaction: write.Transaction);
            await write.CommitAsync(CancellationToken.None);
        }

        await using var after = await _database.BeginReadTransactionAsync(CancellationToken.None);
        var names = await after.Connection.QueryAsync<string>(
            "SELECT name FROM items ORDER BY id", transaction: after.Transaction);

        Assert.That(names, Is.EqualTo(new[] { "a", "b" }));
    }

    [Test]
    public async Task Reused_read_still_rejects_writes()
    {
        await (await _database.BeginReadTransactionAsync(CancellationToken.None)).DisposeAsync();
        await using var read = await _database.BeginReadTransactionAsync(CancellationToken.None);

        var error = Assert.ThrowsAsync<SqliteException>(() => read.Connection.ExecuteAsync(
            "INSERT INTO items (name) VALUES ('c')", transaction: read.Transaction));

        Assert.That(error!.Message, Does.Contain("readonly database"));
    }

    [Test]
    public async Task Read_does_not_reuse_connection_still_in_use()
    {
        await using var first = await _database.BeginReadTransactionAsync(CancellationToken.None);
        await using var second = await _database.BeginReadTransactionAsync(CancellationToken.None);

        Assert.That(second.Connection, Is.Not.SameAs(first.Connection));
    }

    [Test]
    public async Task Idle_readers_are_bounded()
    {
        var open = new List<IStorageTransaction>();
        for (var i = 0; i < SqliteDatabase.MaxIdleReaders + 4; i++)
        {
            open.Add(await _database.BeginReadTransactionAsync(CancellationToken.None));
        }

        var connections = open.Select(transaction => transaction.Connection).ToList();
        foreach (var transaction in open)
        {
            await transaction.DisposeAsync();
        }

        var again = new List<IStorageTransaction>();
        for (var i = 0; i < SqliteDatabase.MaxIdleReaders + 4; i++)
        {
            again.Add(await _database.BeginReadTransactionAsync(CancellationToken.None));
        }

        var reused = again.Count(transaction => connections.Contains(transaction.Connection));
        var closed = connections.Count(connection => connection.State == System.Data.ConnectionState.Closed);
        foreach (var transaction in again)
        {
            await transaction.DisposeAsync();
        }

        Assert.That(reused, Is.EqualTo(SqliteDatabase.MaxIdleReaders));
        Assert.That(closed, Is.EqualTo(4));
    }

    [Test]
    public async Task Failed_read_leaves_connection_usable()
    {
        await using (var failing = await _database.BeginReadTransactionAsync(CancellationToken.None))
        {
            Assert.ThrowsAsync<SqliteException>(() => failing.Connection.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM no_such_table", transaction: failing.Transaction));
        }

        await using var next = await _database.BeginReadTransactionAsync(CancellationToken.None);
        var count = await next.Connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM items", transaction: next.Transaction);

        Assert.That(count, Is.Zero);
    }
}
