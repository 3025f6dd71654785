using Microsoft.Data.Sqlite;
using Npgsql;
using WorkflowKit.Expressions;
using WorkflowKit.Organization;
using WorkflowKit.Records;
using WorkflowKit.Runtime;
using WorkflowKit.Runtime.Definitions;
using WorkflowKit.Runtime.Expressions;
using WorkflowKit.Runtime.Storage;
using WorkflowKit.Storage;
using WorkflowKit.Storage.PostgreSql;
using WorkflowKit.Storage.PostgreSql.Records;
using WorkflowKit.Storage.PostgreSql.Runtime;
using WorkflowKit.Storage.Sqlite;
using WorkflowKit.Storage.Sqlite.Records;
using WorkflowKit.Storage.Sqlite.Runtime;

namespace WorkflowKit.Bench.Engine;

/// <summary>
/// A WorkflowEngine with the product's parts: the runtime and record stores on its own SQLite file
/// (or its own PostgreSQL schema), the sandboxed script host, the system clock and an in-memory
/// organisation. The engine's database is wrapped so that every durable commit is counted.
/// </summary>
public sealed class BenchEngine : IAsyncDisposable
{
    private readonly Func<ValueTask> _cleanUp;

    private BenchEngine(
        IDatabase database, Func<IDatabase, IRuntimeStore> runtime, IRecordStore records, Func<ValueTask> cleanUp)
    {
        Database = database;
        Counting = new CountingDatabase(Database, Phases);
        Records = records;
        Organization = BenchOrganization.Create();
        _cleanUp = cleanUp;
        Engine = new WorkflowEngine(
            Counting, TimedRuntimeStore.Wrap(runtime(Counting), Phases), Definitions,
            new TimedExpressions(new ScriptHostFlowExpressions(new ScriptHost()), Phases),
            Organization, new TimedRecordStore(Records, Phases), TimeProvider.System, new EngineOptions());
    }

    /// <summary>"sqlite" or "postgres", for figure names.</summary>
    public required string Storage { get; init; }

    public IDatabase Database { get; }

    public CountingDatabase Counting { get; }

    /// <summary>Time the engine's steps spend per phase; the decorators that fill it cost a few timestamps per call.</summary>
    public PhaseTimes Phases { get; } = new();

    public IRecordStore Records { get; }

    public InMemoryOrganizationDirectory Organization { get; }

    public InMemoryFlowDefinitionSource Definitions { get; } = new();

    public WorkflowEngine Engine { get; }

    /// <summary>
    /// Creates a fresh engine: on PostgreSQL in a new schema when <paramref name="postgres"/> is given,
    /// else on a new SQLite file in <paramref name="directory"/> with <paramref name="sqlite"/>; migrated,
    /// with the order flows published.
    /// </summary>
    public static Task<BenchEngine> CreateAsync(
        string directory, string name, SqliteDatabaseOptions sqlite, string? postgres = null) =>
        postgres is null ? CreateSqliteAsync(directory, name, sqlite) : CreatePostgresAsync(postgres, name);

    private static async Task<BenchEngine> CreateSqliteAsync(string directory, string name, SqliteDatabaseOptions sqlite)
    {
        var path = Path.Combine(directory, $"{name}-{Environment.ProcessId}.db");
        DeleteFiles(path);
        var database = new SqliteDatabase(path, sqlite);
        var bench = new BenchEngine(
            database, counting => new SqliteRuntimeStore(counting), new SqliteRecordStore(database, TimeProvider.System),
            () =>
            {
                SqliteConnection.ClearAllPools();
                DeleteFiles(path);
                return ValueTask.CompletedTask;
            })
        {
            Storage = "sqlite",
        };
        await SqliteMigrator.MigrateAsync(database, CancellationToken.None);
        await PublishAsync(bench);
        return bench;
    }

    /// <summary>
    /// Creates the schema <c>bench_NAME_PID</c>, points the connection's search path at it and migrates it;
    /// disposing drops the schema.
    /// </summary>
    private static async Task<BenchEngine> CreatePostgresAsync(string connectionString, string name)
    {
        var schema = $"bench_{name.Replace('-', '_')}_{Environment.ProcessId}";
        var admin = new NpgsqlConnectionStringBuilder(PostgresConnectionString.Normalize(connectionString));
        await ExecuteAsync(admin.ConnectionString, $"DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema};");
        var scoped = new NpgsqlConnectionStringBuilder(admin.ConnectionString) { SearchPath = schema, MaxPoolSize = 50 };
        var database = new PostgresDatabase(scoped.ConnectionString);
        var bench = new BenchEngine(
            database, _ => new PostgresRuntimeStore(database), new PostgresRecordStore(database, TimeProvider.System),
            async () =>
            {
                await database.DisposeAsync();
                NpgsqlConnection.ClearAllPools();
                await ExecuteAsync(admin.ConnectionString, $"DROP SCHEMA IF EXISTS {schema} CASCADE;");
            })
        {
            Storage = "postgres",
        };
        await PostgresMigrator.MigrateAsync(database, CancellationToken.None);
        await PublishAsync(bench);
        return bench;
    }

    public ValueTask DisposeAsync() => _cleanUp();

    private static async Task PublishAsync(BenchEngine bench)
    {
        await ((IRecordFormRegistry)bench.Records).RegisterFormAsync(OrderDefinitions.Shipment(), CancellationToken.None);
        var order = OrderDefinitions.Order();
        bench.Definitions.Publish(OrderDefinitions.ApprovalFlowDefinition(), order);
        bench.Definitions.Publish(OrderDefinitions.AutomaticFlowDefinition(), order);
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static void DeleteFiles(string path)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }
}
