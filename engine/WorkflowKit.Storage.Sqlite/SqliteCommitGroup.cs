using System.Diagnostics;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace WorkflowKit.Storage.Sqlite;

/// <summary>
/// One SQLite transaction that carries the write transactions of several callers, one after
/// another, and commits them together. Each caller after the first runs inside a savepoint, so its
/// rollback undoes only its own writes. A caller that committed waits on <see cref="Completion"/>
/// until the real COMMIT ends, so it never reports success for writes that are not durable.
/// </summary>
/// <remarks>Only the holder of the writer turn touches an open group.</remarks>
internal sealed class SqliteCommitGroup(SqliteConnection connection, SqliteTransaction transaction)
{
    private readonly long _startedAt = Stopwatch.GetTimestamp();

    public SqliteConnection Connection => connection;

    public SqliteTransaction Transaction => transaction;

    /// <summary>Completes when the real transaction commits; faults when it fails or rolls back.</summary>
    public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Callers whose writes the group contains and who wait for its commit.</summary>
    public int Members { get; set; }

    /// <summary>How long ago the group's first transaction began.</summary>
    public TimeSpan Age => Stopwatch.GetElapsedTime(_startedAt);

    /// <summary>
    /// Whether SQLite still has the transaction open. An I/O error, a full disk or an interrupt can
    /// roll back the whole transaction on its own, taking every member's writes with it.
    /// </summary>
    public bool IsOpen => raw.sqlite3_get_autocommit(connection.Handle) == 0;
}
