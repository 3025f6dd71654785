using WorkflowKit.Storage;
using WorkflowKit.Storage.PostgreSql;
using WorkflowKit.Storage.Sqlite;

namespace WorkflowKit.Cli;

/// <summary>
/// Opens the database named by <c>--db</c>: a SQLite file path, or a PostgreSQL connection string
/// (<c>Host=...;Database=...</c>) or URL (<c>postgres://...</c>). <see cref="StorageOptions.Detect"/>
/// decides which; <see cref="StorageFactory"/> migrates it and builds the stores.
/// </summary>
public static class DatabaseFactory
{
    /// <summary>Opens (creating a SQLite file when missing) and migrates the database, and returns its stores.</summary>
    public static async Task<WorkflowKitStores> OpenStoresAsync(
        string db, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var options = Options(db);
        try
        {
            return await StorageFactory.OpenAsync(options, timeProvider, null, cancellationToken).ConfigureAwait(false);
        }
        catch (DirectoryNotFoundException missing)
        {
            throw new UsageException($"--db: {missing.Message}");
        }
    }

    /// <summary>Opens (creating when missing) and migrates the database.</summary>
    public static async Task<IDatabase> OpenAsync(string db, CancellationToken cancellationToken)
    {
        var database = Open(db);
        switch (database)
        {
            case SqliteDatabase sqlite:
                await SqliteMigrator.MigrateAsync(sqlite, cancellationToken).ConfigureAwait(false);
                break;
            case PostgresDatabase postgres:
                await PostgresMigrator.MigrateAsync(postgres, cancellationToken).ConfigureAwait(false);
                break;
        }

        return database;
    }

    public static IDatabase Open(string db)
    {
        var options = Options(db);
        if (options.Provider == StorageProvider.PostgreSql)
        {
            try
            {
                return new PostgresDatabase(options.ConnectionString);
            }
            catch (ArgumentException invalid)
            {
                throw new UsageException(
                    $"--db \"{options.Redacted}\" is not a valid PostgreSQL connection string: {invalid.Message}");
            }
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(db));
        if (folder is not null && !Directory.Exists(folder))
        {
            throw new UsageException($"--db \"{db}\": folder \"{folder}\" does not exist. Create it or choose " +
                "another path.");
        }

        return new SqliteDatabase(db);
    }

    private static StorageOptions Options(string db)
    {
        if (string.IsNullOrWhiteSpace(db))
        {
            throw new UsageException(
                "--db needs a SQLite file path such as ./workflowkit.db, or a PostgreSQL connection string such as " +
                "\"Host=localhost;Database=workflowkit;Username=wk\".");
        }

        return StorageOptions.Detect(db);
    }
}
