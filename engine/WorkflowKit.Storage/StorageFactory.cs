using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using WorkflowKit.Storage.PostgreSql;
using WorkflowKit.Storage.PostgreSql.Definitions;
using WorkflowKit.Storage.PostgreSql.Organization;
using WorkflowKit.Storage.PostgreSql.Records;
using WorkflowKit.Storage.PostgreSql.Runtime;
using WorkflowKit.Storage.Sqlite;
using WorkflowKit.Storage.Sqlite.Definitions;
using WorkflowKit.Storage.Sqlite.Organization;
using WorkflowKit.Storage.Sqlite.Records;
using WorkflowKit.Storage.Sqlite.Runtime;

namespace WorkflowKit.Storage;

/// <summary>
/// Opens the database named by <see cref="StorageOptions"/>, applies the migrations (safe when
/// several nodes start at once: SQLite serialises them with BEGIN IMMEDIATE, PostgreSQL with an
/// advisory lock) and returns the stores for that provider.
/// </summary>
public static class StorageFactory
{
    public static async Task<WorkflowKitStores> OpenAsync(
        StorageOptions options, TimeProvider timeProvider, ILoggerFactory? loggerFactory,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var loggers = loggerFactory ?? NullLoggerFactory.Instance;
        return options.Provider switch
        {
            StorageProvider.Sqlite => await OpenSqliteAsync(options, timeProvider, loggers, cancellationToken)
                .ConfigureAwait(false),
            StorageProvider.PostgreSql => await OpenPostgresAsync(options, timeProvider, loggers, cancellationToken)
                .ConfigureAwait(false),
            _ => throw new ArgumentOutOfRangeException(
                nameof(options), options.Provider, "Expected StorageProvider.Sqlite or StorageProvider.PostgreSql."),
        };
    }

    private static async Task<WorkflowKitStores> OpenSqliteAsync(
        StorageOptions options, TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(options.ConnectionString));
        if (folder is not null && !Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException(
                $"SQLite database \"{options.ConnectionString}\": folder \"{folder}\" does not exist. Create it or " +
                "choose another path.");
        }

        var database = new SqliteDatabase(
            options.ConnectionString, new SqliteDatabaseOptions { Synchronous = options.SqliteSynchronous });
        await SqliteMigrator.MigrateAsync(database, cancellationToken).ConfigureAwait(false);
        return new WorkflowKitStores(
            options, database,
            new SqliteDefinitionStore(database, time, loggers.CreateLogger<SqliteDefinitionStore>()),
            new SqliteRuntimeStore(database),
            new SqliteOrganizationStore(database),
            new SqlitePermissionRuleStore(database),
            RecordStores.Of(new SqliteRecordStore(database, time)),
            new SqliteImportMappingStore(database, time),
            new SqliteParticipationStore(database),
            new SqliteWorkdayCalendarStore(database, time),
            () => ValueTask.CompletedTask);
    }

    private static async Task<WorkflowKitStores> OpenPostgresAsync(
        StorageOptions options, TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var database = new PostgresDatabase(options.ConnectionString);
        try
        {
            await PostgresMigrator.MigrateAsync(database, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await database.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return new WorkflowKitStores(
            options, database,
            new PostgresDefinitionStore(database, time, loggers.CreateLogger<PostgresDefinitionStore>()),
            new PostgresRuntimeStore(database),
            new PostgresOrganizationStore(database),
            new PostgresPermissionRuleStore(database),
            RecordStores.Of(new PostgresRecordStore(database, time)),
            new PostgresImportMappingStore(database, time),
            new PostgresParticipationStore(database),
            new PostgresWorkdayCalendarStore(database, time),
            database.DisposeAsync);
    }
}
