using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace WorkflowKit.Storage.Sqlite;

/// <summary>
/// A transaction that owns its connection and its turn at the database's writer gate. The turn
/// ends when the commit succeeds (SQLite has released the write lock then) or when the
/// transaction is disposed, whichever comes first; disposing also closes the connection.
/// </summary>
internal sealed class SqliteStorageTransaction(SqliteConnection connection, SqliteTransaction transaction, SemaphoreSlim gate)
    : IStorageTransaction
{
    private int _turnEnded;

    public DbConnection Connection => connection;

    public DbTransaction Transaction => transaction;

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        EndTurn();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await transaction.DisposeAsync().ConfigureAwait(false);
            await connection.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            EndTurn();
        }
    }

    private void EndTurn()
    {
        if (Interlocked.Exchange(ref _turnEnded, 1) == 0)
        {
            gate.Release();
        }
    }
}
