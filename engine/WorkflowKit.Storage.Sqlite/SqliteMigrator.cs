using System.Globalization;
using System.Reflection;
using Dapper;
using Microsoft.Data.Sqlite;

namespace WorkflowKit.Storage.Sqlite;

/// <summary>
/// Applies the embedded migrations (<c>Migrations/NNNN_area_description.sql</c>) in order of
/// their number, each in its own transaction, recording them in <c>schema_migrations</c>.
/// Number ranges per area: 1000 definitions, 2000 runtime, 3000 forms and records,
/// 4000 organisation and permissions, 5000 designer.
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
    public static IReadOnlyList<Migration> LoadMigrations()
    {
        var assembly = typeof(SqliteMigrator).Assembly;
        return [.. assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith("Migrations/", StringComparison.Ordinal) &&
                           name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(name => ReadMigration(assembly, name))
            .OrderBy(migration => migration.Version)];
    }

    private static Migration ReadMigration(Assembly assembly, string resourceName)
    {
        var fileName = resourceName["Migrations/".Length..^".sql".Length];
        var underscore = fileName.IndexOf('_', StringComparison.Ordinal);
        if (underscore <= 0 || !int.TryParse(fileName[..underscore], NumberStyles.None, CultureInfo.InvariantCulture,
                out var version))
        {
            throw new InvalidOperationException(
                $"Migration '{resourceName}' must be named NNNN_area_description.sql with a numeric prefix.");
        }

        using var stream = assembly.GetManifestResourceStream(resourceName)!;
        using var reader = new StreamReader(stream);
        return new Migration(version, fileName, reader.ReadToEnd());
    }
}
