using System.Data.Common;
using System.Diagnostics;
using WorkflowKit.Storage;

namespace WorkflowKit.Bench.Engine;

/// <summary>A transaction that times and reports each successful commit.</summary>
internal sealed class CountingTransaction(IStorageTransaction inner, CountingDatabase owner, PhaseTimes phases)
    : IStorageTransaction
{
    private readonly long _begun = Stopwatch.GetTimestamp();

    public DbConnection Connection => inner.Connection;

    public DbTransaction Transaction => inner.Transaction;

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        phases.Add(PhaseTimes.WriteTurn, _begun);
        var started = Stopwatch.GetTimestamp();
        await inner.CommitAsync(cancellationToken).ConfigureAwait(false);
        phases.Add(PhaseTimes.Commit, started);
        owner.Committed(inner.Connection);
    }

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
