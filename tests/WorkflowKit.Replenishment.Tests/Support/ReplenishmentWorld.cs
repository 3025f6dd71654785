using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Expressions;
using WorkflowKit.Organization;
using WorkflowKit.Records;
using WorkflowKit.Runtime;
using WorkflowKit.Runtime.Definitions;
using WorkflowKit.Runtime.Expressions;
using WorkflowKit.Storage.Sqlite;
using WorkflowKit.Storage.Sqlite.Records;
using WorkflowKit.Storage.Sqlite.Runtime;

namespace WorkflowKit.Replenishment.Tests.Support;

/// <summary>
/// The biopharma template's forms and flows on a temporary SQLite file, with the real record store, the engine
/// with <see cref="ReplenishmentFlowService"/> registered, a fake clock and the users the flows assign.
/// </summary>
internal sealed class ReplenishmentWorld : IAsyncDisposable
{
    private ReplenishmentWorld(string path, DateTimeOffset start)
    {
        DatabasePath = path;
        Database = new SqliteDatabase(path);
        Time = new FakeTimeProvider(start);
        Records = new SqliteRecordStore(Database, Time);
        Engine = null!;
    }

    public string DatabasePath { get; }

    public SqliteDatabase Database { get; }

    public FakeTimeProvider Time { get; }

    public SqliteRecordStore Records { get; }

    public InMemoryFlowDefinitionSource Definitions { get; } = new();

    public InMemoryOrganizationDirectory Organization { get; } = new InMemoryOrganizationDirectory()
        .Add(new OrgUser("admin", "Admin", "it", ["admin"], new Dictionary<string, string>()))
        .Add(new OrgUser("buyer-1", "Buyer", "purchasing", ["purchasing"], new Dictionary<string, string>()))
        .Add(new OrgUser("wh-east", "Warehouse east", "warehouse", ["warehouse"],
            new Dictionary<string, string> { ["region"] = "east" }))
        .Add(new OrgUser("wh-north", "Warehouse north", "warehouse", ["warehouse"],
            new Dictionary<string, string> { ["region"] = "north" }))
        .Add(new OrgUser("sales-east-1", "Sales east 1", "sales", ["sales"],
            new Dictionary<string, string> { ["region"] = "east" }))
        .Add(new OrgUser("sales-east-2", "Sales east 2", "sales", ["sales"],
            new Dictionary<string, string> { ["region"] = "east" }))
        .Add(new OrgUser("sales-north-1", "Sales north 1", "sales", ["sales"],
            new Dictionary<string, string> { ["region"] = "north" }));

    public WorkflowEngine Engine { get; private set; }

    public static async Task<ReplenishmentWorld> CreateAsync(DateTimeOffset start)
    {
        var world = new ReplenishmentWorld(
            Path.Combine(Path.GetTempPath(), $"wk-replenish-{Guid.NewGuid():N}.db"), start);
        await SqliteMigrator.MigrateAsync(world.Database, CancellationToken.None);

        var forms = Directory.EnumerateFiles(Path.Combine(TestPaths.TemplatePackage, "forms"), "*.form.json")
            .Select(file => DefinitionJson.Deserialize<FormDefinition>(File.ReadAllText(file)))
            .ToDictionary(form => form.Key, StringComparer.Ordinal);
        foreach (var form in forms.Values)
        {
            await world.Records.RegisterFormAsync(form, CancellationToken.None);
        }

        foreach (var key in new[] { "replenishment", "replenishment-watch", "batch-expiry-watch", "batch-expiry-review" })
        {
            var flow = DefinitionJson.Deserialize<FlowDefinition>(
                File.ReadAllText(Path.Combine(TestPaths.TemplatePackage, "flows", key + ".flow.json")));
            world.Definitions.Publish(flow, flow.Form is null ? null : forms[flow.Form]);
        }

        world.Engine = new WorkflowEngine(
            world.Database, new SqliteRuntimeStore(world.Database), world.Definitions,
            new ScriptHostFlowExpressions(new ScriptHost(timeProvider: world.Time)), world.Organization, world.Records,
            world.Time, new EngineOptions { RunnerId = "replenishment-test" },
            flowServices: [new ReplenishmentFlowService()]);
        return world;
    }

    public Task<RecordEntry> AddAsync(string formKey, JsonObject data) =>
        Records.CreateAsync(formKey, data, new RecordWriteContext("admin"), CancellationToken.None);

    public async Task<IReadOnlyList<RecordEntry>> AllAsync(string formKey) =>
        (await Records.QueryAsync(new RecordQuery(formKey) { Limit = 1000 }, null, CancellationToken.None)).Items;

    /// <summary>Runs due work until nothing is due; bounded so a bug cannot loop forever.</summary>
    public async Task RunDueWorkAsync()
    {
        for (var round = 0; round < 100; round++)
        {
            if (await Engine.RunDueWorkAsync(CancellationToken.None) == 0)
            {
                return;
            }
        }

        throw new AssertionException("Due work did not settle after 100 rounds.");
    }

    public async ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            try
            {
                File.Delete(DatabasePath + suffix);
            }
            catch (IOException)
            {
                // A pooled connection may still hold the file for a moment; the temp folder is cleaned eventually.
            }
        }

        await Task.CompletedTask;
    }
}
