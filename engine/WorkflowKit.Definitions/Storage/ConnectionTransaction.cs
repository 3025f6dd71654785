using System.Data.Common;

namespace WorkflowKit.Storage;

/// <summary>A transaction that owns its connection and closes it when disposed.</summary>
public sealed class ConnectionTransaction(DbConnection connection, DbTransaction transaction) : IStorageTransaction
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
