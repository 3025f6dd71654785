using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace WorkflowKit.Storage.Sqlite;

/// <summary>A transaction that owns its connection and closes it when disposed.</summary>
internal sealed class SqliteStorageTransaction(SqliteConnection connection, SqliteTransaction transaction)
    : IStorageTransaction
{
    public DbConnection Connection => connection;

    public DbTransaction Transaction => transaction;

    public Task CommitAsync(CancellationToken cancellationToken) => transaction.CommitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync().ConfigureAwait(false);
        await connection.DisposeAsync().ConfigureAwait(false);
    }
}
