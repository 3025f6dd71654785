using Dapper;
using Microsoft.Data.Sqlite;
using WorkflowKit.Storage.Sqlite;

namespace WorkflowKit.Storage.Tests.Sqlite;

/// <summary>
/// Group commit on SQLite: a writer that commits while another is queued hands its turn over and
/// its commit returns only after the shared SQLite commit. Calling BeginTransactionAsync without
/// awaiting it queues the writer at once, so each test sets up its queue deterministically. The
/// group age limit is a minute here, so a slow test machine cannot end a group early.
/// </summary>
public sealed class SqliteGroupCommitTests
{
    private static readonly SqliteGroupCommitOptions Patient = new() { MaxAge = TimeSpan.FromMinutes(1) };

    /// <summary>Bound on waiting for a commit, so a broken hand-over fails the test instead of hanging it.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly List<string> _paths = [];

    [TearDown]
    public void DeleteFiles()
    {
        SqliteConnection.ClearAllPools();
        foreach (var path in _paths)
        {
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }
        }
    }

    [Test]
    public async Task Queued_writers_share_one_commit()
    {
        var database = await CreateAsync(Patient);
        var commitsBefore = database.WriteCommits;

        var first = await database.BeginTransactionAsync(CancellationToken.None);
        await InsertAsync(first, "a");
        var secondBegun = database.BeginTransactionAsync(CancellationToken.None);
        var firstCommitted = first.CommitAsync(CancellationToken.None);
        var second = await secondBegun;

        Assert.That(firstCommitted.IsCompleted, Is.False, "the first commit waits for the group");
        Assert.That(await ReadNamesAsync(database), Is.Empty, "readers see nothing before the group commits");

        await InsertAsync(second, "b");
        await second.CommitAsync(CancellationToken.None);
        await firstCommitted.WaitAsync(Patience);
        await first.DisposeAsync();
        await second.DisposeAsync();

        Assert.That(await ReadNamesAsync(database), Is.EqualTo(new[] { "a", "b" }));
        Assert.That(database.WriteCommits - commitsBefore, Is.EqualTo(1));
    }

    [Test]
    public async Task Member_rollback_keeps_earlier_members()
    {
        var database = await CreateAsync(Patient);

        var first = await database.BeginTransactionAsync(CancellationToken.None);
        await InsertAsync(first, "a");
        var secondBegun = database.BeginTransactionAsync(CancellationToken.None);
        var firstCommitted = first.CommitAsync(CancellationToken.None);
        var second = await secondBegun;
        await InsertAsync(second, "b");
        await second.DisposeAsync();
        await firstCommitted.WaitAsync(Patience);
        await first.DisposeAsync();

        Assert.That(await ReadNamesAsync(database), Is.EqualTo(new[] { "a" }));
    }

    [Test]
    public async Task First_member_rollback_leaves_next_writer_alone()
    {
        var database = await CreateAsync(Patient);

        var first = await database.BeginTransactionAsync(CancellationToken.None);
        await InsertAsync(first, "a");
        var secondBegun = database.BeginTransactionAsync(CancellationToken.None);
        await first.DisposeAsync();
        await using (var second = await secondBegun)
        {
            await InsertAsync(second, "b");
            await second.CommitAsync(CancellationToken.None);
        }

        Assert.That(await ReadNamesAsync(database), Is.EqualTo(new[] { "b" }));
    }

    [Test]
    public async Task Failed_group_commit_fails_every_member()
    {
        var database = await CreateAsync(Patient);
        await using (var schema = await database.BeginTransactionAsync(CancellationToken.None))
        {
            await schema.Connection.ExecuteAsync(
                "CREATE TABLE parents (id INTEGER PRIMARY KEY); " +
                "CREATE TABLE children (id INTEGER PRIMARY KEY, " +
                "parent_id INTEGER REFERENCES parents (id) DEFERRABLE INITIALLY DEFERRED)",
                transaction: schema.Transaction);
            await schema.CommitAsync(CancellationToken.None);
        }

        var first = await database.BeginTransactionAsync(CancellationToken.None);
        await InsertAsync(first, "a");
        var secondBegun = database.BeginTransactionAsync(CancellationToken.None);
        var firstCommitted = first.CommitAsync(CancellationToken.None);
        var second = await secondBegun;

        // A deferred foreign key is checked at COMMIT, so this member's fault surfaces only there.
        await second.Connection.ExecuteAsync(
            "INSERT INTO children (parent_id) VALUES (42)", transaction: second.Transaction);
        var secondError = Assert.ThrowsAsync<SqliteException>(() => second.CommitAsync(CancellationToken.None));
        var firstError = Assert.ThrowsAsync<SqliteException>(async () => await firstCommitted.WaitAsync(Patience));
        await first.DisposeAsync();
        await second.DisposeAsync();

        Assert.That(secondError!.Message, Does.Contain("FOREIGN KEY"));
        Assert.That(firstError!.Message, Does.Contain("FOREIGN KEY"));
        Assert.That(await ReadNamesAsync(database), Is.Empty, "a failed group keeps nothing of any member");

        await using var later = await database.BeginTransactionAsync(CancellationToken.None);
        await InsertAsync(later, "c");
        await later.CommitAsync(CancellationToken.None);
        Assert.That(await ReadNamesAsync(database), Is.EqualTo(new[] { "c" }), "the writer works after a failed group");
    }

    [Test]
    public async Task Cancelled_waiter_lets_group_commit()
    {
        var database = await CreateAsync(Patient);
        using var cancel = new CancellationTokenSource();

        var first = await database.BeginTransactionAsync(CancellationToken.None);
        await InsertAsync(first, "a");
        var secondBegun = database.BeginTransactionAsync(cancel.Token);
        await cancel.CancelAsync();
        Assert.That(async () => await secondBegun, Throws.InstanceOf<OperationCanceledException>());

        var firstCommitted = first.CommitAsync(CancellationToken.None);
        Assert.That(firstCommitted.IsCompleted, Is.True, "nobody queued, so the first commits on its own");
        await firstCommitted.WaitAsync(Patience);
        await first.DisposeAsync();

        Assert.That(await ReadNamesAsync(database), Is.EqualTo(new[] { "a" }));
    }

    [Test]
    public async Task Group_on_other_database_object_commits_first()
    {
        var database = await CreateAsync(Patient);
        var other = new SqliteDatabase(database.Path, new SqliteDatabaseOptions { GroupCommit = Patient });

        var first = await database.BeginTransactionAsync(CancellationToken.None);
        await InsertAsync(first, "a");
        var secondBegun = other.BeginTransactionAsync(CancellationToken.None);
        var firstCommitted = first.CommitAsync(CancellationToken.None);
        await using var second = await secondBegun;

        // The commit's continuation runs on the thread pool, so the test waits for it. Had the group moved to the
        // other connection, it would not complete while the second transaction is open.
        Assert.DoesNotThrowAsync(() => firstCommitted.WaitAsync(Patience), "a group cannot move to another connection");
        await first.DisposeAsync();
        await InsertAsync(second, "b");
        await second.CommitAsync(CancellationToken.None);

        Assert.That(await ReadNamesAsync(database), Is.EqualTo(new[] { "a", "b" }));
    }

    [Test]
    public async Task Off_commits_each_transaction()
    {
        var database = await CreateAsync(SqliteGroupCommitOptions.Off);
        var commitsBefore = database.WriteCommits;

        var first = await database.BeginTransactionAsync(CancellationToken.None);
        await InsertAsync(first, "a");
        var secondBegun = database.BeginTransactionAsync(CancellationToken.None);
        var firstCommitted = first.CommitAsync(CancellationToken.None);

        Assert.That(firstCommitted.IsCompleted, Is.True);
        await firstCommitted.WaitAsync(Patience);
        await first.DisposeAsync();
        await using (var second = await secondBegun)
        {
            await InsertAsync(second, "b");
            await second.CommitAsync(CancellationToken.None);
        }

        Assert.That(database.WriteCommits - commitsBefore, Is.EqualTo(2));
    }

    [Test]
    public async Task Full_group_commits_without_next_member()
    {
        var database = await CreateAsync(Patient with { MaxTransactions = 2 });
        var commitsBefore = database.WriteCommits;

        var first = await database.BeginTransactionAsync(CancellationToken.None);
        await InsertAsync(first, "a");
        var secondBegun = database.BeginTransactionAsync(CancellationToken.None);
        var firstCommitted = first.CommitAsync(CancellationToken.None);
        var second = await secondBegun;
        await InsertAsync(second, "b");
        var thirdBegun = database.BeginTransactionAsync(CancellationToken.None);
        await second.CommitAsync(CancellationToken.None);

        await firstCommitted.WaitAsync(Patience);
        Assert.That(
            database.WriteCommits - commitsBefore, Is.EqualTo(1),
            "the second member filled the group, so it committed with the third writer queued");
        await using (var third = await thirdBegun)
        {
            await InsertAsync(third, "c");
            await third.CommitAsync(CancellationToken.None);
        }

        await first.DisposeAsync();
        await second.DisposeAsync();
        Assert.That(await ReadNamesAsync(database), Is.EqualTo(new[] { "a", "b", "c" }));
        Assert.That(database.WriteCommits - commitsBefore, Is.EqualTo(2));
    }

    [Test]
    public async Task Concurrent_writers_keep_every_row()
    {
        var database = await CreateAsync(SqliteGroupCommitOptions.Default);
        var transactionsBefore = database.WriteTransactions;

        var writers = Enumerable.Range(0, 8).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < 50; i++)
            {
                await using var transaction = await database.BeginTransactionAsync(CancellationToken.None);
                await InsertAsync(transaction, $"{writer}-{i}");
                if (i % 5 == 4)
                {
                    continue;
                }

                await transaction.CommitAsync(CancellationToken.None);
            }
        }));
        await Task.WhenAll(writers);

        var names = await ReadNamesAsync(database);
        Assert.That(names, Has.Count.EqualTo(8 * 40), "every fifth transaction rolled back");
        Assert.That(names, Does.Not.Contain("0-4"));
        Assert.That(database.WriteTransactions - transactionsBefore, Is.EqualTo(8 * 40));
    }

    [Test]
    public async Task Commits_start_background_checkpoints()
    {
        var database = await CreateAsync(SqliteGroupCommitOptions.Default);

        for (var i = 0; i < 3 * 32; i++)
        {
            await using var transaction = await database.BeginTransactionAsync(CancellationToken.None);
            await InsertAsync(transaction, $"row-{i}");
            await transaction.CommitAsync(CancellationToken.None);
        }

        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (database.BackgroundCheckpoints == 0 && waited.Elapsed < Patience)
        {
            await Task.Delay(10);
        }

        Assert.That(database.BackgroundCheckpoints, Is.GreaterThan(0));
        await using var writer = await database.BeginTransactionAsync(CancellationToken.None);
        var fallback = await writer.Connection.ExecuteScalarAsync<long>(
            "PRAGMA wal_autocheckpoint", transaction: writer.Transaction);
        Assert.That(fallback, Is.EqualTo(10_000), "the writer checkpoints itself only when the background falls behind");
    }

    [Test]
    public async Task Writer_keeps_sub_journal_in_memory()
    {
        var database = await CreateAsync(SqliteGroupCommitOptions.Default);

        await using var writer = await database.BeginTransactionAsync(CancellationToken.None);
        var tempStore = await writer.Connection.ExecuteScalarAsync<long>(
            "PRAGMA temp_store", transaction: writer.Transaction);

        Assert.That(tempStore, Is.EqualTo(2), "2 is MEMORY; a file-backed sub-journal costs a temporary file per step");
    }

    [Test]
    public async Task Large_member_rollback_restores_pages()
    {
        var database = await CreateAsync(Patient);
        var filler = new string('x', 3000);
        await using (var seed = await database.BeginTransactionAsync(CancellationToken.None))
        {
            for (var i = 0; i < 200; i++)
            {
                await InsertAsync(seed, $"seed-{i}-{filler}");
            }

            await seed.CommitAsync(CancellationToken.None);
        }

        var first = await database.BeginTransactionAsync(CancellationToken.None);
        await InsertAsync(first, "a");
        var secondBegun = database.BeginTransactionAsync(CancellationToken.None);
        var firstCommitted = first.CommitAsync(CancellationToken.None);
        var second = await secondBegun;
        var changed = await second.Connection.ExecuteAsync(
            "UPDATE items SET name = upper(name) WHERE name LIKE 'seed-%'", transaction: second.Transaction);
        await second.DisposeAsync();
        await firstCommitted.WaitAsync(Patience);
        await first.DisposeAsync();

        var names = await ReadNamesAsync(database);
        Assert.That(changed, Is.EqualTo(200), "far more pages than a sub-journal keeps in memory by default");
        Assert.That(names, Has.Count.EqualTo(201));
        Assert.That(names.Count(name => name.StartsWith("SEED-", StringComparison.Ordinal)), Is.Zero);
        Assert.That(names, Does.Contain("a"));
    }

    private async Task<SqliteDatabase> CreateAsync(SqliteGroupCommitOptions options)
    {
        var path = Path.Combine(Path.GetTempPath(), $"wk-group-{Guid.NewGuid():N}.db");
        _paths.Add(path);
        var database = new SqliteDatabase(path, new SqliteDatabaseOptions { GroupCommit = options });
        await using var schema = await database.BeginTransactionAsync(CancellationToken.None);
        await schema.Connection.ExecuteAsync(
            "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL)", transaction: schema.Transaction);
        await schema.CommitAsync(CancellationToken.None);
        return database;
    }

    private static Task InsertAsync(IStorageTransaction transaction, string name) =>
        transaction.Connection.ExecuteAsync(
            "INSERT INTO items (name) VALUES (@name)", new { name }, transaction: transaction.Transaction);

    private static async Task<List<string>> ReadNamesAsync(SqliteDatabase database)
    {
        await using var read = await database.BeginReadTransactionAsync(CancellationToken.None);
        var names = await read.Connection.QueryAsync<string>(
            "SELECT name FROM items ORDER BY id", transaction: read.Transaction);
        return [.. names];
    }
}
