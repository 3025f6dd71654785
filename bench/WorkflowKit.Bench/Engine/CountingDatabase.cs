using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using WorkflowKit.Storage;

namespace WorkflowKit.Bench.Engine;

/// <summary>
/// Wraps the engine's database, counts the transactions it commits (each commit is one durable
/// write, one WAL append on SQLite, which is what the ceiling measures), and times how long a
/// step waits for its transaction to begin and how long its commit takes.
/// </summary>
public sealed class CountingDatabase(IDatabase inner, PhaseTimes phases) : IDatabase
{
    private long _commits;

    public long Commits => Interlocked.Read(ref _commits);

    public SqlDialect Dialect => inner.Dialect;

    /// <summary>When set, counts the statements, rows and pages of every connection this database hands out.</summary>
    public SqliteTrace? Trace { get; set; }

    public async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = await inner.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        Attach(connection);
        return connection;
    }

    public async Task<IStorageTransaction> BeginTransactionAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var transaction = await inner.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        phases.Add(PhaseTimes.Begin, started);
        if (Trace is not null && transaction.Connection is SqliteConnection writer)
        {
            Trace.Attach(writer);
            SqliteTrace.ResetPages(writer);
        }

        return new CountingTransaction(transaction, this, phases);
    }

    public async Task<IStorageTransaction> BeginReadTransactionAsync(CancellationToken cancellationToken)
    {
        var transaction = await inner.BeginReadTransactionAsync(cancellationToken).ConfigureAwait(false);
        Attach(transaction.Connection);
        return transaction;
    }

    private void Attach(DbConnection connection)
    {
        if (Trace is not null && connection is SqliteConnection sqlite)
        {
            Trace.Attach(sqlite);
        }
    }

    internal void Committed(DbConnection connection)
    {
        Interlocked.Increment(ref _commits);
        if (Trace is not null && connection is SqliteConnection writer)
        {
            Trace.CountCommit(writer);
        }
    }
}
