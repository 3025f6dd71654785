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

    /// <param name="connectionString">A keyword connection string or a <c>postgres://</c> URL.</param>
    public PostgresDatabase(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ConnectionString = PostgresConnectionString.Normalize(connectionString);
        _dataSource = NpgsqlDataSource.Create(ConnectionString);
    }

    /// <summary>The connection string in Npgsql's keyword form.</summary>
    public string ConnectionString { get; }

    public SqlDialect Dialect => SqlDialect.PostgreSql;

    public async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Begins a REPEATABLE READ, READ ONLY transaction: its reads see one snapshot and PostgreSQL
    /// rejects any write through it.
    /// </summary>
    public async Task<IStorageTransaction> BeginReadTransactionAsync(CancellationToken cancellationToken)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken)
                .ConfigureAwait(false);
            await using (var readOnly = new NpgsqlCommand("SET TRANSACTION READ ONLY", connection, transaction))
            {
                await readOnly.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return new PostgresStorageTransaction(connection, transaction);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

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
