using System.Data.Common;

namespace WorkflowKit.Storage;

/// <summary>
/// A database that the stores share, so that one engine step can write instance state, tasks,
/// outbox messages and records in one transaction. SQLite and PostgreSQL implement it.
/// </summary>
public interface IDatabase
{
    SqlDialect Dialect { get; }

    /// <summary>Opens a connection with the provider's session settings applied.</summary>
    Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>Opens a connection and begins a transaction on it.</summary>
    Task<IStorageTransaction> BeginTransactionAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Opens a connection and begins a transaction for reads only, which does not wait for or hold
    /// the write lock. Providers reject writes through it where they can (SQLite opens the file
    /// read-only, PostgreSQL marks the transaction READ ONLY). This default implementation begins
    /// an ordinary transaction on a new connection and rejects nothing.
    /// </summary>
    async Task<IStorageTransaction> BeginReadTransactionAsync(CancellationToken cancellationToken)
    {
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            return new ConnectionTransaction(connection, transaction);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
