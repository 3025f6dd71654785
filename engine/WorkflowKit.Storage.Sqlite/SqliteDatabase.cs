using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace WorkflowKit.Storage.Sqlite;

/// <summary>
/// The embedded SQLite database: one file in WAL mode with <c>synchronous=NORMAL</c>. A process
/// crash loses no committed transaction; a power loss may lose the last few commits, because
/// NORMAL does not sync the WAL on every commit (docs/deployment.md states the trade-off).
/// </summary>
/// <remarks>
/// <para>Write transactions of one process on one file take turns through an in-process gate.
/// SQLite admits one writer at a time anyway; without the gate, a writer that finds the file
/// locked polls SQLite's busy handler, which sleeps between attempts (up to 100 ms each), so
/// under concurrent writers most of the time went to sleeping rather than writing. Other
/// processes on the same file still wait through <c>busy_timeout</c>.</para>
/// <para>Because writers take turns, they also share one open connection: a write transaction
/// neither opens a connection nor repeats the pragmas, and statements that stores keep prepared
/// per connection stay prepared from one transaction to the next.</para>
/// </remarks>
public sealed class SqliteDatabase : IDatabase
{
    /// <summary>How long a write transaction waits for its turn; the same as SQLite's busy_timeout.</summary>
    private static readonly TimeSpan WriterWait = TimeSpan.FromSeconds(30);

    private static readonly ConcurrentDictionary<string, SemaphoreSlim> WriterGates = new(
        OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);

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
    private readonly SemaphoreSlim _writerGate;

    /// <summary>
    /// Read-only connections kept open between read transactions, most recently used on top.
    /// Stores keep prepared statements per connection object, so a read through a new connection
    /// object compiled its SELECTs again on every step.
    /// </summary>
    private readonly ConcurrentStack<SqliteConnection> _idleReaders = new();

    private int _idleReaderCount;

    /// <summary>The connection write transactions share; only the holder of the gate touches it.</summary>
    private SqliteConnection? _writer;

    public SqliteDatabase(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
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
        _writerGate = WriterGates.GetOrAdd(Path, _ => new SemaphoreSlim(1, 1));
    }

    /// <summary>Full path of the database file.</summary>
    public string Path { get; }

    public SqlDialect Dialect => SqlDialect.Sqlite;

    public async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await ConfigureOnceAsync(
                connection,
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000;",
                cancellationToken).ConfigureAwait(false);
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
        if (!await _writerGate.WaitAsync(WriterWait, cancellationToken).ConfigureAwait(false))
        {
            throw new TimeoutException(
                $"No write transaction on {Path} could begin within {WriterWait.TotalSeconds:0} seconds because " +
                "another one in this process stayed open; look for a transaction that is never disposed, or one " +
                "begun while the same code path already holds another.");
        }

        try
        {
            var connection = await WriterAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                // BEGIN IMMEDIATE takes the write lock up front, so a writer in another process waits on
                // busy_timeout instead of failing with SQLITE_BUSY when a read lock would be upgraded.
                var transaction = connection.BeginTransaction(deferred: false);
                return new SqliteStorageTransaction(connection, transaction, _writerGate);
            }
            catch
            {
                _writer = null;
                await connection.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
        catch
        {
            _writerGate.Release();
            throw;
        }
    }

    private static async Task ConfigureOnceAsync(
        SqliteConnection connection, string pragmas, CancellationToken cancellationToken)
    {
        if (Configured.TryGetValue(connection.Handle!, out _))
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
            await broken.DisposeAsync().ConfigureAwait(false);
        }

        _writer = (SqliteConnection)await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return _writer;
    }
}
