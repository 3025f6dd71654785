using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace WorkflowKit.Storage.Sqlite;

/// <summary>
/// Applies the embedded migrations (<c>Migrations/NNNN_area_description.sql</c>) in order of
/// their number, each in its own transaction, recording them in <c>schema_migrations</c>.
/// </summary>
public static class SqliteMigrator
{
    public static async Task MigrateAsync(SqliteDatabase database, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var connection = (SqliteConnection)await database.OpenConnectionAsync(cancellationToken)
            .ConfigureAwait(false);
        await connection.ExecuteAsync(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, " +
            "applied_at TEXT NOT NULL)").ConfigureAwait(false);

        foreach (var migration in LoadMigrations())
        {
            // BEGIN IMMEDIATE serialises two processes migrating the same file at once.
            await using var transaction = connection.BeginTransaction(deferred: false);
            var applied = await connection.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM schema_migrations WHERE version = @Version",
                new { migration.Version }, transaction).ConfigureAwait(false);
            if (applied > 0)
            {
                continue;
            }

            await connection.ExecuteAsync(migration.Sql, transaction: transaction).ConfigureAwait(false);
            await connection.ExecuteAsync(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, @AppliedAt)",
                new
                {
                    migration.Version,
                    migration.Name,
                    AppliedAt = TimeProvider.System.GetUtcNow().ToString("O", CultureInfo.InvariantCulture),
                },
                transaction).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Lists the embedded migrations in the order they apply.</summary>
    public static IReadOnlyList<MigrationScript> LoadMigrations() => MigrationScripts.Load(typeof(SqliteMigrator).Assembly);
}
