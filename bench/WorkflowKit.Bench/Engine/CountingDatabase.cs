using System.Data.Common;
using System.Diagnostics;
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

    public Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        inner.OpenConnectionAsync(cancellationToken);

    public async Task<IStorageTransaction> BeginTransactionAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var transaction = await inner.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        phases.Add(PhaseTimes.Begin, started);
        return new CountingTransaction(transaction, this, phases);
    }

    public Task<IStorageTransaction> BeginReadTransactionAsync(CancellationToken cancellationToken) =>
        inner.BeginReadTransactionAsync(cancellationToken);

    internal void Committed() => Interlocked.Increment(ref _commits);
}
