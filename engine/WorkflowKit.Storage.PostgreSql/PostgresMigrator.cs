using Dapper;
using Npgsql;

namespace WorkflowKit.Storage.PostgreSql;

/// <summary>
/// Applies the embedded migrations (<c>Migrations/NNNN_area_description.sql</c>) in number order
/// under a transaction-scoped advisory lock, so several nodes starting at once apply each
/// migration exactly once. Number ranges per area match the SQLite migrations.
/// </summary>
public static class PostgresMigrator
{
    // Any fixed 64-bit key works; it only has to be the same on every node of a deployment.
    private const long MigrationLockKey = 0x574B_4D49_4752;

    public static async Task MigrateAsync(PostgresDatabase database, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var connection = (NpgsqlConnection)await database.OpenConnectionAsync(cancellationToken)
            .ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        await connection.ExecuteAsync("SELECT pg_advisory_xact_lock(@Key)", new { Key = MigrationLockKey }, transaction)
            .ConfigureAwait(false);
        await connection.ExecuteAsync(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, " +
            "applied_at TIMESTAMPTZ NOT NULL)", transaction: transaction).ConfigureAwait(false);
        var applied = (await connection.QueryAsync<int>("SELECT version FROM schema_migrations", transaction: transaction)
            .ConfigureAwait(false)).ToHashSet();

        foreach (var migration in LoadMigrations().Where(m => !applied.Contains(m.Version)))
        {
            await connection.ExecuteAsync(migration.Sql, transaction: transaction).ConfigureAwait(false);
            await connection.ExecuteAsync(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, now())",
                new { migration.Version, migration.Name }, transaction).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Lists the embedded migrations in the order they apply.</summary>
    public static IReadOnlyList<MigrationScript> LoadMigrations() => MigrationScripts.Load(typeof(PostgresMigrator).Assembly);
}
