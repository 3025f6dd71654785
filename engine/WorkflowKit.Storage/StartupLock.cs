using System.Data.Common;
using Dapper;

namespace WorkflowKit.Storage;

/// <summary>
/// Lets one node at a time do start-up work that reads the database and then writes to it, such as creating the
/// demo accounts and sample data of a new install. Nodes started together on one PostgreSQL database then do not
/// both find it empty and both write. On PostgreSQL it is a session advisory lock, held on its own connection until
/// disposed; a node that dies releases it with its session. SQLite serves one node, so there it takes nothing.
/// </summary>
public sealed class StartupLock : IAsyncDisposable
{
    private const string TryLockSql = "SELECT pg_try_advisory_lock(hashtextextended(@Name, 0))";
    private const string LockSql = "SELECT pg_advisory_lock(hashtextextended(@Name, 0))";
    private const string UnlockSql = "SELECT pg_advisory_unlock(hashtextextended(@Name, 0))";

    private readonly DbConnection? _connection;
    private readonly string _name;

    private StartupLock(DbConnection? connection, string name)
    {
        _connection = connection;
        _name = name;
    }

    /// <summary>
    /// Waits until no other node holds the lock named <paramref name="name"/>, then holds it. When another node holds
    /// it, calls <paramref name="waiting"/> once before the wait.
    /// </summary>
    /// <remarks>
    /// The wait has no command timeout, because the other node may load the sample data for minutes on a busy
    /// machine. It ends when that node releases the lock or its session ends, or with an
    /// <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> is cancelled.
    /// </remarks>
    public static async Task<StartupLock> AcquireAsync(
        IDatabase database, string name, Action? waiting, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (database.Dialect != SqlDialect.PostgreSql)
        {
            return new StartupLock(null, name);
        }

        var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var acquired = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                TryLockSql, new { Name = name }, cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (!acquired)
            {
                waiting?.Invoke();

                // A command timeout of 0 turns off the provider's default (30 s in Npgsql), which would cancel the wait.
                await connection.ExecuteAsync(new CommandDefinition(
                    LockSql, new { Name = name }, commandTimeout: 0, cancellationToken: cancellationToken))
                    .ConfigureAwait(false);
            }
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return new StartupLock(connection, name);
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is null)
        {
            return;
        }

        // Unlocked before the connection goes back to the pool, where its session, and so the lock, would live on.
        try
        {
            await _connection.ExecuteAsync(UnlockSql, new { Name = _name }).ConfigureAwait(false);
        }
        finally
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}
