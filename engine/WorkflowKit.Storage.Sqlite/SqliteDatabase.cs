using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using WorkflowKit.Storage.Sqlite.Records;

namespace WorkflowKit.Storage.Sqlite;

/// <summary>
/// The embedded SQLite database: one file in WAL mode. With the default
/// <see cref="SqliteSynchronous.Full"/> a commit returns only after the WAL reached the disk, so
/// neither a process crash nor a power loss loses a committed transaction;
/// <see cref="SqliteSynchronous.Normal"/> trades the last commits before a power loss for speed
/// (docs/deployment.md states the trade-off).
/// </summary>
/// <remarks>
/// <para>Write transactions of one process on one file take turns through
/// <see cref="SqliteWriterTurns"/>. SQLite admits one writer at a time anyway; without the turns, a
/// writer that finds the file locked polls SQLite's busy handler, which sleeps between attempts (up
/// to 100 ms each), so under concurrent writers most of the time went to sleeping rather than
/// writing. Other processes on the same file still wait through <c>busy_timeout</c>.</para>
/// <para>Because writers take turns, they also share one open connection: a write transaction
/// neither opens a connection nor repeats the pragmas, and statements that stores keep prepared
/// per connection stay prepared from one transaction to the next. Writers that queue behind each
/// other share one SQLite commit (group commit, see <see cref="SqliteWriterTurns"/>); each still
/// commits or rolls back on its own, and its commit returns only after SQLite committed.</para>
/// </remarks>
public sealed class SqliteDatabase : IDatabase
{
    /// <summary>
    /// SQLite handles that already ran this class's pragmas. The pool hands the same handle out
    /// again, and the pragmas last as long as the handle, so a reused connection skips them.
    /// </summary>
    private static readonly ConditionalWeakTable<sqlite3, object> Configured = [];

    /// <summary>
    /// Maximum number of idle read-only connections kept open. Read transactions beyond it still
    /// run concurrently, on connections from the ADO.NET pool that close when the transaction ends.
    /// </summary>
    public const int MaxIdleReaders = 16;

    private readonly string _connectionString;
    private readonly string _readOnlyConnectionString;
    private readonly SqliteWriterTurns _turns;
    private readonly SqliteGroupCommitOptions _groupCommit;
    private readonly string _writerPragmas;

    /// <summary>
    /// Read-only connections kept open between read transactions, most recently used on top.
    /// Stores keep prepared statements per connection object, so a read through a new connection
    /// object compiled its SELECTs again on every step.
    /// </summary>
    private readonly ConcurrentStack<SqliteConnection> _idleReaders = new();

    private int _idleReaderCount;

    /// <summary>The connection write transactions share; only the holder of the writer turn touches it.</summary>
    private SqliteConnection? _writer;

    public SqliteDatabase(string path)
        : this(path, SqliteDatabaseOptions.Default)
    {
    }

    /// <summary>
    /// Opens the database at <paramref name="path"/> with the given durability and group-commit limits. The first
    /// database a process opens caps glibc's malloc arenas (see <see cref="MallocArenaLimit"/>).
    /// </summary>
    public SqliteDatabase(string path, SqliteDatabaseOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.GroupCommit, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.GroupCommit.MaxTransactions, 1, nameof(options));
        if (!Enum.IsDefined(options.Synchronous))
        {
            throw new ArgumentOutOfRangeException(
                nameof(options), options.Synchronous, "Expected SqliteSynchronous.Full or SqliteSynchronous.Normal.");
        }

        SqliteMallocArenas.Apply();
        Synchronous = options.Synchronous;
        _groupCommit = options.GroupCommit;
        _writerPragmas =
            $"PRAGMA journal_mode=WAL; PRAGMA synchronous={(Synchronous == SqliteSynchronous.Full ? "FULL" : "NORMAL")}; " +
            "PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000;";
        Path = System.IO.Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        _readOnlyConnectionString = new SqliteConnectionStringBuilder(_connectionString)
        {
            Mode = SqliteOpenMode.ReadOnly,
        }.ToString();
        _turns = SqliteWriterTurns.For(Path, _connectionString);
    }

    /// <summary>
    /// The glibc malloc arena limit that opening a database set for this process (2), or null when it set none: no
    /// database opened yet, not on Linux, no glibc, or <c>MALLOC_ARENA_MAX</c> set in the environment, which then
    /// applies instead. Without a cap, each arena keeps the blocks that SQLite frees on the threads using it, and
    /// the working set grows with the number of threads that ran transactions.
    /// </summary>
    public static int? MallocArenaLimit => SqliteMallocArenas.Limit;

    /// <summary>Full path of the database file.</summary>
    public string Path { get; }

    public SqlDialect Dialect => SqlDialect.Sqlite;

    /// <summary>Whether commits through this object wait for the WAL to reach the disk.</summary>
    public SqliteSynchronous Synchronous { get; }

    /// <summary>Write transactions committed on this file by this process, through any database object on it.</summary>
    public long WriteTransactions => _turns.Transactions;

    /// <summary>SQLite commits that carried <see cref="WriteTransactions"/>; fewer when commits were grouped.</summary>
    public long WriteCommits => _turns.Commits;

    /// <summary>WAL checkpoints run in the background on this file by this process.</summary>
    public long BackgroundCheckpoints => _turns.Checkpoints;

    public async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            SqliteTextFunctions.Register(connection);
            await ConfigureOnceAsync(connection, _writerPragmas, cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Begins a deferred transaction on a read-only connection: its first read fixes a snapshot of
    /// the WAL, it never waits for the writer gate, and a write through it fails with SQLite's
    /// "attempt to write a readonly database" error instead of taking the write lock. The connection
    /// comes from the idle readers when one is there, and goes back to them when the transaction is
    /// disposed.
    /// </summary>
    public async Task<IStorageTransaction> BeginReadTransactionAsync(CancellationToken cancellationToken)
    {
        var connection = TakeIdleReader() ?? await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var transaction = connection.BeginTransaction(deferred: true);
            return new SqliteReadTransaction(connection, transaction, this);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Keeps <paramref name="connection"/> open for the next read transaction, or closes it when
    /// <see cref="MaxIdleReaders"/> connections are already idle or it is no longer open.
    /// </summary>
    internal async ValueTask ReturnReaderAsync(SqliteConnection connection)
    {
        if (connection.State == System.Data.ConnectionState.Open)
        {
            if (Interlocked.Increment(ref _idleReaderCount) <= MaxIdleReaders)
            {
                _idleReaders.Push(connection);
                return;
            }

            Interlocked.Decrement(ref _idleReaderCount);
        }

        await connection.DisposeAsync().ConfigureAwait(false);
    }

    private SqliteConnection? TakeIdleReader()
    {
        while (_idleReaders.TryPop(out var connection))
        {
            Interlocked.Decrement(ref _idleReaderCount);
            if (connection.State == System.Data.ConnectionState.Open)
            {
                return connection;
            }

            connection.Dispose();
        }

        return null;
    }

    private async Task<SqliteConnection> OpenReaderAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_readOnlyConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            SqliteTextFunctions.Register(connection);
            await ConfigureOnceAsync(connection, "PRAGMA busy_timeout=30000;", cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async Task<IStorageTransaction> BeginTransactionAsync(CancellationToken cancellationToken)
    {
        await _turns.EnterAsync(Path, cancellationToken).ConfigureAwait(false);
        try
        {
            var connection = await WriterAsync(cancellationToken).ConfigureAwait(false);
            return await SqliteStorageTransaction.BeginAsync(
                _turns, connection, _groupCommit, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // Leaving commits what earlier members of an open group released, so their commits end.
            await _turns.LeaveAsync(_groupCommit).ConfigureAwait(false);
            throw;
        }
    }

    private static async Task ConfigureOnceAsync(
        SqliteConnection connection, string pragmas, CancellationToken cancellationToken)
    {
        // A pooled handle that another database object on the same file configured differently
        // (synchronous FULL against NORMAL) runs this object's pragmas again.
        if (Configured.TryGetValue(connection.Handle!, out var applied) && applied is string text && text == pragmas)
        {
            return;
        }

        await using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = pragmas;
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        Configured.AddOrUpdate(connection.Handle!, pragmas);
    }

    private async Task<SqliteConnection> WriterAsync(CancellationToken cancellationToken)
    {
        if (_writer is { State: System.Data.ConnectionState.Open } open)
        {
            return open;
        }

        if (_writer is { } broken)
        {
            _writer = null;
            if (ReferenceEquals(_turns.Open?.Connection, broken))
            {
                await _turns.FailOpenAsync(new InvalidOperationException(
                    $"The writer connection to {Path} closed before its write transaction committed; nothing of it " +
                    "was written. Retry.")).ConfigureAwait(false);
            }

            await broken.DisposeAsync().ConfigureAwait(false);
        }

        var writer = (SqliteConnection)await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (var pragma = writer.CreateCommand())
        {
            // Every member of a commit group after the first runs in a savepoint, and SQLite copies
            // the old content of each page that a savepoint changes into a sub-journal. With the
            // default temp_store, the sub-journal moves to a new file in the temporary directory
            // once it outgrows a small buffer (15 pages in strace of the e_sqlite3 build used
            // here). A step changes about 30 pages, so every grouped step created, wrote and
            // deleted a file. temp_store=MEMORY keeps the sub-journal in memory until the
            // savepoint ends; temporary tables and sorts of this connection stay in memory too.
            pragma.CommandText =
                $"PRAGMA wal_autocheckpoint={SqliteCheckpointer.WriterFallbackPages}; PRAGMA temp_store=MEMORY;";
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        _writer = writer;
        return _writer;
    }
}
