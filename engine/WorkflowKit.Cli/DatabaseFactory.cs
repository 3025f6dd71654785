using WorkflowKit.Storage;
using WorkflowKit.Storage.Sqlite;

namespace WorkflowKit.Cli;

/// <summary>
/// Opens the database named by <c>--db</c>: a SQLite file path today. The one place where a
/// PostgreSQL connection string will be recognised once the PostgreSQL store exists.
/// </summary>
public static class DatabaseFactory
{
    /// <summary>Opens (creating when missing) and migrates the database.</summary>
    public static async Task<IDatabase> OpenAsync(string db, CancellationToken cancellationToken)
    {
        var database = Open(db);
        await SqliteMigrator.MigrateAsync((SqliteDatabase)database, cancellationToken).ConfigureAwait(false);
        return database;
    }

    public static IDatabase Open(string db)
    {
        if (string.IsNullOrWhiteSpace(db))
        {
            throw new UsageException("--db needs a SQLite file path such as ./workflowkit.db.");
        }

        if (db.Contains("Host=", StringComparison.OrdinalIgnoreCase) ||
            db.StartsWith("postgres", StringComparison.OrdinalIgnoreCase))
        {
            // NOTE: PostgreSQL connection strings open PostgresDatabase here once the definitions store
            // has its PostgreSQL migration.
            throw new UsageException(
                $"--db \"{Redact(db)}\" looks like a PostgreSQL connection string; this build opens SQLite files " +
                $"only. " +
                "Pass a file path such as ./workflowkit.db.");
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(db));
        if (folder is not null && !Directory.Exists(folder))
        {
            throw new UsageException($"--db \"{db}\": folder \"{folder}\" does not exist. Create it or choose " +
                $"another path.");
        }

        return new SqliteDatabase(db);
    }

    private static string Redact(string connectionString) =>
        string.Join(';', connectionString.Split(';').Select(part =>
            part.StartsWith("Password=", StringComparison.OrdinalIgnoreCase) ? "Password=***" : part));
}
