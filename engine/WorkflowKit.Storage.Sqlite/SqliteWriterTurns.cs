using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace WorkflowKit.Storage.Sqlite;

/// <summary>
/// The turns that write transactions of one process take on one database file, and the commit
/// group they share. SQLite admits one writer at a time, so writers queue here rather than in
/// SQLite's busy handler. A writer that commits while others queue hands its turn over without
/// committing, and the group commits when a writer leaves with no writer queued, or when the group is
/// full or old by the leaving writer's <see cref="SqliteGroupCommitOptions"/>. Under load, one WAL append and one commit then carry many transactions, and pages
/// that several of them change (index pages, the last page of a table) are written once.
/// </summary>
internal sealed class SqliteWriterTurns
{
    /// <summary>How long a write transaction waits for its turn; the same as SQLite's busy_timeout.</summary>
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private static readonly ConcurrentDictionary<string, SqliteWriterTurns> ByPath = new(
        OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SqliteCheckpointer _checkpointer;
    private int _queued;
    private long _transactions;
    private long _commits;

    /// <summary>The group that the next writer joins; only the holder of the turn reads or sets it.</summary>
    public SqliteCommitGroup? Open { get; private set; }

    /// <summary>Write transactions committed, each counted once whichever group carried it.</summary>
    public long Transactions => Interlocked.Read(ref _transactions);

    /// <summary>SQLite commits that carried those transactions.</summary>
    public long Commits => Interlocked.Read(ref _commits);

    private SqliteWriterTurns(string connectionString)
    {
        _checkpointer = new SqliteCheckpointer(connectionString);
    }

    /// <summary>Background WAL checkpoints run on this file (see <see cref="SqliteCheckpointer"/>).</summary>
    public long Checkpoints => _checkpointer.Checkpoints;

    /// <summary>
    /// Returns the turns of the file at <paramref name="path"/>, shared by every database object on it;
    /// <paramref name="connectionString"/> opens the file for background checkpoints.
    /// </summary>
    public static SqliteWriterTurns For(string path, string connectionString) =>
        ByPath.GetOrAdd(path, _ => new SqliteWriterTurns(connectionString));

    /// <summary>Waits for the turn. Throws <see cref="TimeoutException"/> after <see cref="Wait"/>.</summary>
    public async Task EnterAsync(string path, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _queued);
        bool entered;
        try
        {
            entered = await _gate.WaitAsync(Wait, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Interlocked.Decrement(ref _queued);
            await CommitIfAbandonedAsync().ConfigureAwait(false);
            throw;
        }

        Interlocked.Decrement(ref _queued);
        if (!entered)
        {
            await CommitIfAbandonedAsync().ConfigureAwait(false);
            throw new TimeoutException(
                $"No write transaction on {path} could begin within {Wait.TotalSeconds:0} seconds because " +
                "another one in this process stayed open; look for a transaction that is never disposed, or one " +
                "begun while the same code path already holds another.");
        }
    }

    /// <summary>
    /// Returns the group the holder's transaction joins on <paramref name="connection"/>: the open
    /// one, or a new one begun with BEGIN IMMEDIATE. A group open on another connection (another
    /// database object on the same file) commits first, because SQLite lets only one connection
    /// hold the write lock.
    /// </summary>
    public async Task<SqliteCommitGroup> JoinAsync(SqliteConnection connection)
    {
        if (Open is { } other && !ReferenceEquals(other.Connection, connection))
        {
            await CommitOpenAsync().ConfigureAwait(false);
        }

        if (Open is { } open)
        {
            return open;
        }

        // BEGIN IMMEDIATE takes the write lock up front, so a writer in another process waits on
        // busy_timeout instead of failing with SQLITE_BUSY when a read lock would be upgraded.
        Open = new SqliteCommitGroup(connection, connection.BeginTransaction(deferred: false));
        return Open;
    }

    /// <summary>Counts a member that released its writes into the open group.</summary>
    public void Joined(SqliteCommitGroup group)
    {
        group.Members++;
        Interlocked.Increment(ref _transactions);
    }

    /// <summary>
    /// Ends the holder's turn. The open group commits now unless another writer is queued and the
    /// group has room and time left; then the next holder carries it on.
    /// </summary>
    public async Task LeaveAsync(SqliteGroupCommitOptions options)
    {
        try
        {
            if (Open is { } group && !ShouldHandOver(group, options))
            {
                await CommitOpenAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Rolls back the open group and faults its members' commits with <paramref name="cause"/>,
    /// for a group whose SQLite transaction can no longer commit.
    /// </summary>
    public async Task FailOpenAsync(Exception cause)
    {
        if (Open is not { } group)
        {
            return;
        }

        Open = null;
        await DisposeQuietlyAsync(group.Transaction).ConfigureAwait(false);
        group.Completion.TrySetException(cause);
    }

    /// <summary>Rolls back a group that no member joined (its first transaction rolled back).</summary>
    public async Task DiscardOpenAsync()
    {
        if (Open is { Members: 0 } group)
        {
            Open = null;
            await DisposeQuietlyAsync(group.Transaction).ConfigureAwait(false);
            group.Completion.TrySetResult();
        }
    }

    // NOTE: the age limit is checked when a writer leaves, and the next holder's duration is not known
    // in advance. A short commit handed to a long writer (a large import in one transaction) returns only
    // when that writer leaves, although no other writer could have run meanwhile anyway.
    private bool ShouldHandOver(SqliteCommitGroup group, SqliteGroupCommitOptions options) =>
        group.Members > 0
        && Volatile.Read(ref _queued) > 0
        && group.Members < options.MaxTransactions
        && group.Age < options.MaxAge;

    /// <summary>
    /// Commits the open group and completes its members' commits. A failure faults them instead and
    /// is not thrown here: each member rethrows it from its own commit.
    /// </summary>
    /// <remarks>
    /// NOTE: a deferred constraint that one member violates fails the commit of every member of its
    /// group. The product's schema declares no deferred constraints.
    /// </remarks>
    private async Task CommitOpenAsync()
    {
        if (Open is not { } group)
        {
            return;
        }

        if (group.Members == 0)
        {
            await DiscardOpenAsync().ConfigureAwait(false);
            return;
        }

        Open = null;
        try
        {
            if (!group.IsOpen)
            {
                throw new InvalidOperationException(
                    "SQLite rolled back the write transaction before its commit, after an I/O error, a full disk " +
                    "or an interrupt; nothing of it was written. Check the disk and the error logged before this one, " +
                    "then retry.");
            }

            await group.Transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
            Interlocked.Increment(ref _commits);
            _checkpointer.Committed();
            group.Completion.TrySetResult();
        }
        catch (Exception failure) when (failure is SqliteException or InvalidOperationException)
        {
            await DisposeQuietlyAsync(group.Transaction).ConfigureAwait(false);
            group.Completion.TrySetException(failure);
        }
    }

    /// <summary>
    /// Commits a group that was handed to a writer who then stopped waiting (cancelled or timed
    /// out) and so never took the turn. Takes the turn only if it is free at once: a holder that
    /// still has it decides on leaving, and reads the queue without this writer.
    /// </summary>
    private async Task CommitIfAbandonedAsync()
    {
        if (!_gate.Wait(0))
        {
            return;
        }

        try
        {
            await CommitOpenAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private static async Task DisposeQuietlyAsync(SqliteTransaction transaction)
    {
        try
        {
            await transaction.DisposeAsync().ConfigureAwait(false);
        }
        catch (SqliteException)
        {
            // The rollback of a transaction that SQLite already ended can fail; nothing is left to undo.
        }
    }
}
