using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace WorkflowKit.Storage.Sqlite;

/// <summary>
/// A write transaction on the database's shared writer connection, holding its turn at the
/// writer gate until it is disposed: disposing rolls back what was not committed and hands the
/// connection, still open, to the next writer. The turn lasts until disposal rather than ending
/// at the commit, so no code that still holds this transaction can touch the connection while
/// the next writer's transaction runs on it.
/// </summary>
internal sealed class SqliteStorageTransaction(SqliteConnection connection, SqliteTransaction transaction, SemaphoreSlim gate)
    : IStorageTransaction
{
    private int _disposed;

    public DbConnection Connection => connection;

    public DbTransaction Transaction => transaction;

    public Task CommitAsync(CancellationToken cancellationToken) => transaction.CommitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            await transaction.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }
}
