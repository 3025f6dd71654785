using Microsoft.Data.Sqlite;
using WorkflowKit.Expressions;
using WorkflowKit.Organization;
using WorkflowKit.Runtime;
using WorkflowKit.Runtime.Definitions;
using WorkflowKit.Runtime.Expressions;
using WorkflowKit.Storage.Sqlite;
using WorkflowKit.Storage.Sqlite.Records;
using WorkflowKit.Storage.Sqlite.Runtime;

namespace WorkflowKit.Bench.Engine;

/// <summary>
/// A WorkflowEngine on its own SQLite file with the product's parts: the SQLite runtime and
/// record stores, the sandboxed script host, the system clock and an in-memory organisation.
/// The engine's database is wrapped so that every durable commit is counted.
/// </summary>
public sealed class BenchEngine : IAsyncDisposable
{
    private BenchEngine(string path)
    {
        Path = path;
        Database = new SqliteDatabase(path);
        Counting = new CountingDatabase(Database, Phases);
        Records = new SqliteRecordStore(Database, TimeProvider.System);
        Organization = BenchOrganization.Create();
        Engine = new WorkflowEngine(
            Counting, TimedRuntimeStore.Wrap(new SqliteRuntimeStore(Counting), Phases), Definitions,
            new TimedExpressions(new ScriptHostFlowExpressions(new ScriptHost()), Phases),
            Organization, new TimedRecordStore(Records, Phases), TimeProvider.System, new EngineOptions());
    }

    public string Path { get; }

    public SqliteDatabase Database { get; }

    public CountingDatabase Counting { get; }

    /// <summary>Time the engine's steps spend per phase; the decorators that fill it cost a few timestamps per call.</summary>
    public PhaseTimes Phases { get; } = new();

    public SqliteRecordStore Records { get; }

    public InMemoryOrganizationDirectory Organization { get; }

    public InMemoryFlowDefinitionSource Definitions { get; } = new();

    public WorkflowEngine Engine { get; }

    /// <summary>Creates a fresh database file in <paramref name="directory"/>, migrated, with the order flows published.</summary>
    public static async Task<BenchEngine> CreateAsync(string directory, string name)
    {
        var path = System.IO.Path.Combine(directory, $"{name}-{Environment.ProcessId}.db");
        DeleteFiles(path);
        var bench = new BenchEngine(path);
        await SqliteMigrator.MigrateAsync(bench.Database, CancellationToken.None);
        await bench.Records.RegisterFormAsync(OrderDefinitions.Shipment(), CancellationToken.None);
        var order = OrderDefinitions.Order();
        bench.Definitions.Publish(OrderDefinitions.ApprovalFlowDefinition(), order);
        bench.Definitions.Publish(OrderDefinitions.AutomaticFlowDefinition(), order);
        return bench;
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        DeleteFiles(Path);
        return ValueTask.CompletedTask;
    }

    private static void DeleteFiles(string path)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }
}
