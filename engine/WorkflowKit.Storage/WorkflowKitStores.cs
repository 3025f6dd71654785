using WorkflowKit.Definitions.Store;
using WorkflowKit.Files;
using WorkflowKit.Import;
using WorkflowKit.Organization;
using WorkflowKit.Permissions;
using WorkflowKit.Records;
using WorkflowKit.Runtime.Delegations;
using WorkflowKit.Runtime.Participation;
using WorkflowKit.Runtime.Storage;
using WorkflowKit.Runtime.Timers;
using WorkflowKit.Storage.PostgreSql;
using WorkflowKit.Storage.PostgreSql.Records;
using WorkflowKit.Storage.PostgreSql.Runtime;
using WorkflowKit.Storage.Sqlite;
using WorkflowKit.Storage.Sqlite.Records;
using WorkflowKit.Storage.Sqlite.Runtime;

namespace WorkflowKit.Storage;

/// <summary>
/// The stores of one deployment on one migrated database, whichever the provider. Disposing it
/// closes the PostgreSQL connection pool; SQLite connections close with each use.
/// </summary>
public sealed class WorkflowKitStores : IAsyncDisposable
{
    private readonly Func<ValueTask> _dispose;

    internal WorkflowKitStores(
        StorageOptions options, IDatabase database, IDefinitionStore definitions, IRuntimeStore runtime,
        IOrganizationStore organization, IPermissionRuleStore permissions, RecordStores records,
        IImportMappingStore importMappings, IParticipationStore participation, IWorkdayCalendarStore calendar,
        Func<ValueTask> dispose)
    {
        Options = options;
        Database = database;
        Definitions = definitions;
        Runtime = runtime;
        Organization = organization;
        Permissions = permissions;
        Records = records.Store;
        RecordQueries = records.Queries;
        RecordForms = records.Forms;
        ImportMappings = importMappings;
        Participation = participation;
        Calendar = calendar;
        Delegations = database switch
        {
            SqliteDatabase sqlite => new SqliteDelegationStore(sqlite),
            PostgresDatabase postgres => new PostgresDelegationStore(postgres),
            _ => throw new ArgumentException(
                $"No delegation store for database type {database.GetType().Name}; use SQLite or PostgreSQL.",
                nameof(database)),
        };
        Files = database switch
        {
            SqliteDatabase sqlite => new SqliteFileStore(sqlite),
            PostgresDatabase postgres => new PostgresFileStore(postgres),
            _ => throw new ArgumentException(
                $"No file store for database type {database.GetType().Name}; use SQLite or PostgreSQL.",
                nameof(database)),
        };
        _dispose = dispose;
    }

    public StorageOptions Options { get; }

    public IDatabase Database { get; }

    public IDefinitionStore Definitions { get; }

    public IRuntimeStore Runtime { get; }

    public IOrganizationStore Organization { get; }

    public IPermissionRuleStore Permissions { get; }

    public IRecordStore Records { get; }

    public IRecordQueries RecordQueries { get; }

    public IRecordFormRegistry RecordForms { get; }

    public IImportMappingStore ImportMappings { get; }

    /// <summary>Records each user takes part in through flow instances, for participant permission rules.</summary>
    public IParticipationStore Participation { get; }

    /// <summary>Holidays and make-up workdays; give the engine a <see cref="StoredWorkdayCalendarSource"/> over it.</summary>
    public IWorkdayCalendarStore Calendar { get; }

    /// <summary>Standing delegations, which the engine applies when given as <see cref="Runtime.EngineOptions.Delegations"/>.</summary>
    public IDelegationStore Delegations { get; }

    /// <summary>
    /// Uploaded files of attachment, image and signature fields; the engine checks form data against it when given
    /// as <see cref="Runtime.EngineOptions.Files"/>.
    /// </summary>
    public IFileStore Files { get; }

    public ValueTask DisposeAsync() => _dispose();
}
