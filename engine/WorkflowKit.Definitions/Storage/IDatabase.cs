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
}
