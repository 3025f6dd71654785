using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace WorkflowKit.Storage.Sqlite;

/// <summary>
/// A read transaction on a read-only connection of <see cref="SqliteDatabase"/>. Disposing rolls it
/// back and hands the connection, still open and with its prepared statements, back to the database
/// for the next read transaction.
/// </summary>
internal sealed class SqliteReadTransaction(SqliteConnection connection, SqliteTransaction transaction, SqliteDatabase database)
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
        catch
        {
            // A connection whose rollback failed is in an unknown state, so it is closed rather than reused.
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        await database.ReturnReaderAsync(connection).ConfigureAwait(false);
    }
}
