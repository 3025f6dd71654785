using System.Data.Common;
using Npgsql;

namespace WorkflowKit.Storage.PostgreSql;

/// <summary>A transaction that owns its connection and returns it to the pool when disposed.</summary>
internal sealed class PostgresStorageTransaction(NpgsqlConnection connection, NpgsqlTransaction transaction)
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
