using System.Data;
using System.Data.Common;
using Npgsql;

namespace WorkflowKit.Storage.PostgreSql;

/// <summary>
/// A PostgreSQL database shared by several engine and designer nodes. Transactions run at
/// READ COMMITTED; optimistic version checks and row leases give the engine its guarantees.
/// </summary>
public sealed class PostgresDatabase : IDatabase, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;

    public PostgresDatabase(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ConnectionString = connectionString;
        _dataSource = NpgsqlDataSource.Create(connectionString);
    }

    public string ConnectionString { get; }

    public SqlDialect Dialect => SqlDialect.PostgreSql;

    public async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    public async Task<IStorageTransaction> BeginTransactionAsync(CancellationToken cancellationToken)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken)
                .ConfigureAwait(false);
            return new PostgresStorageTransaction(connection, transaction);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
