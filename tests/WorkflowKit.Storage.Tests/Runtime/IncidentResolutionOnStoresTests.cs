using System.Data.Common;
using System.Globalization;
using System.Text.Json.Nodes;
using Dapper;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Runtime;
using WorkflowKit.Runtime.Incidents;
using WorkflowKit.Runtime.Instances;
using WorkflowKit.Runtime.Tasks;
using WorkflowKit.Storage.PostgreSql;
using WorkflowKit.Storage.Sqlite;

namespace WorkflowKit.Storage.Tests.Runtime;

/// <summary>
/// Incidents of an instance that ends without retrying them, on each provider: a withdrawal, a cancellation and
/// a rejection resolve them as the person who ended the instance, and migration 4113 resolves those that older
/// versions left open.
/// </summary>
[TestFixture(StorageProvider.Sqlite)]
[TestFixture(StorageProvider.PostgreSql)]
public sealed class IncidentResolutionOnStoresTests(StorageProvider provider) : EngineOnStoresFixture(provider)
{
    // One branch stops at a failing script while the other waits for Bob's approval.
    private const string Flow = """
        {
          "formatVersion": 1, "kind": "flow", "key": "stock", "name": "Stock",
          "nodes": [
            { "id": "start", "type": "start" }, { "id": "split", "type": "parallelSplit" },
            { "id": "check", "type": "script", "script": "throw new Error('stock service down');" },
            { "id": "review", "type": "approval", "assignees": [{ "type": "user", "value": "bob" }] },
            { "id": "join", "type": "parallelJoin" }, { "id": "end", "type": "end" }
          ],
          "edges": [
            { "id": "e1", "from": "start", "to": "split" }, { "id": "e2", "from": "split", "to": "check" },
            { "id": "e3", "from": "split", "to": "review" }, { "id": "e4", "from": "check", "to": "join" },
            { "id": "e5", "from": "review", "to": "join" }, { "id": "e6", "from": "join", "to": "end" }
          ]
        }
        """;

    private const int ResolutionMigration = 4113;

    [SetUp]
    public void SetUp()
    {
        Stores.Flows.Publish(DefinitionJson.Deserialize<FlowDefinition>(Flow));
    }

    [Test]
    public async Task Withdrawal_resolves_open_incident()
    {
        var engine = Stores.CreateEngine();
        var started = await StartAsync(engine);
        var raised = (await engine.GetIncidentsAsync(started.Id, openOnly: true, default)).Single();
        Stores.Time.Advance(TimeSpan.FromMinutes(5));

        await engine.WithdrawAsync(started.Id, "alice", "客户取消", default);

        var incident = (await engine.GetIncidentsAsync(started.Id, openOnly: false, default)).Single();
        Assert.That(incident.Id, Is.EqualTo(raised.Id));
        Assert.That(incident.ResolvedAt, Is.EqualTo(Stores.Time.GetUtcNow()));
        Assert.That(incident.ResolvedBy, Is.EqualTo("alice"));
        Assert.That(incident.Resolution, Is.EqualTo(IncidentResolutions.Withdrawn));
        Assert.That(await engine.GetIncidentsAsync(null, openOnly: true, default), Is.Empty);
    }

    [Test]
    public async Task Cancellation_resolves_open_incident()
    {
        var engine = Stores.CreateEngine();
        var started = await StartAsync(engine);

        await engine.CancelAsync(started.Id, "admin", "重复下单", default);

        var incident = (await engine.GetIncidentsAsync(started.Id, openOnly: false, default)).Single();
        Assert.That((incident.ResolvedBy, incident.Resolution), Is.EqualTo(("admin", IncidentResolutions.Cancelled)));
        Assert.That(await engine.GetIncidentsAsync(started.Id, openOnly: true, default), Is.Empty);
    }

    [Test]
    public async Task Rejection_resolves_incident_of_other_branch()
    {
        var engine = Stores.CreateEngine();
        var started = await StartAsync(engine);
        var review = (await engine.QueryTasksAsync(new TaskQuery { InstanceId = started.Id }, default)).Single();

        await engine.ActAsync(new TaskActionRequest(review.Id, "reject", "bob"), default);

        var detail = await engine.GetInstanceAsync(started.Id, default);
        var incident = (await engine.GetIncidentsAsync(started.Id, openOnly: false, default)).Single();
        Assert.That(detail!.Instance.Status, Is.EqualTo(InstanceStatuses.Rejected));
        Assert.That((incident.ResolvedBy, incident.Resolution), Is.EqualTo(("bob", IncidentResolutions.Rejected)));
        Assert.That(incident.ResolvedAt, Is.EqualTo(Stores.Time.GetUtcNow()));
    }

    [Test]
    public async Task Retry_records_retried_resolution()
    {
        var engine = Stores.CreateEngine();
        var started = await StartAsync(engine);
        var raised = (await engine.GetIncidentsAsync(started.Id, openOnly: true, default)).Single();

        await engine.RetryIncidentAsync(raised.Id, "carol", default);

        var incidents = await engine.GetIncidentsAsync(started.Id, openOnly: false, default);
        var retried = incidents.Single(incident => incident.Id == raised.Id);
        Assert.That((retried.ResolvedBy, retried.Resolution), Is.EqualTo(("carol", IncidentResolutions.Retried)));
        Assert.That(incidents.Count(incident => incident.ResolvedAt is null), Is.EqualTo(1), "the script fails again");
    }

    [Test]
    public async Task Migration_resolves_incidents_of_ended_instances()
    {
        await using var test = await TestDatabase.CreateAsync(Provider, migrate: false);
        await using var connection = await test.Database.OpenConnectionAsync(default);
        await MigrateBeforeAsync(connection);
        await InsertInstanceAsync(connection, "i1", "withdrawn", "2025-03-03T02:00:00.0000000Z");
        await InsertInstanceAsync(connection, "i2", "running", null);
        await InsertInstanceAsync(connection, "i3", "cancelled", "2025-03-03T03:00:00.0000000Z");
        await InsertIncidentAsync(connection, "n1", "i1", resolvedBy: null);
        await InsertIncidentAsync(connection, "n2", "i2", resolvedBy: null);
        await InsertIncidentAsync(connection, "n3", "i3", resolvedBy: "dave");

        await MigrateAsync(test.Database);

        var store = RuntimeStoreFixture.CreateStore(test.Database);
        var incidents = (await store.GetIncidentsAsync(null, openOnly: false, default)).ToDictionary(item => item.Id);
        Assert.That((incidents["n1"].ResolvedBy, incidents["n1"].Resolution),
            Is.EqualTo(("system", IncidentResolutions.Withdrawn)));
        Assert.That(incidents["n1"].ResolvedAt, Is.EqualTo(new DateTimeOffset(2025, 3, 3, 2, 0, 0, TimeSpan.Zero)));
        Assert.That(incidents["n2"].ResolvedAt, Is.Null, "a running instance keeps its incident open");
        Assert.That((incidents["n3"].ResolvedBy, incidents["n3"].Resolution), Is.EqualTo(("dave", (string?)null)),
            "an incident resolved earlier keeps its resolution");
    }

    private static Task<WorkflowInstance> StartAsync(WorkflowEngine engine) => engine.StartAsync(
        new StartInstanceRequest("stock", "alice") { TriggerKind = TriggerKinds.Api, Form = new JsonObject() },
        default);

    /// <summary>Applies the migrations numbered below 4113 and records them, as an older store would have.</summary>
    private async Task MigrateBeforeAsync(DbConnection connection)
    {
        var (appliedAtType, migrations) = Provider == StorageProvider.Sqlite
            ? ("TEXT", SqliteMigrator.LoadMigrations())
            : ("TIMESTAMPTZ", PostgresMigrator.LoadMigrations());
        await connection.ExecuteAsync(
            "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, " +
            $"applied_at {appliedAtType} NOT NULL)");
        foreach (var migration in migrations.Where(migration => migration.Version < ResolutionMigration))
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await connection.ExecuteAsync(migration.Sql, transaction: transaction);
            await connection.ExecuteAsync(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, @AppliedAt)",
                new { migration.Version, migration.Name, AppliedAt = AppliedAt() }, transaction);
            await transaction.CommitAsync();
        }
    }

    private object AppliedAt() => Provider == StorageProvider.Sqlite
        ? RuntimeStoreFixture.Now.ToString("O", CultureInfo.InvariantCulture)
        : RuntimeStoreFixture.Now;

    private static Task MigrateAsync(IDatabase database) => database switch
    {
        SqliteDatabase sqlite => SqliteMigrator.MigrateAsync(sqlite, CancellationToken.None),
        PostgresDatabase postgres => PostgresMigrator.MigrateAsync(postgres, CancellationToken.None),
        _ => throw new InvalidOperationException($"No migrator for {database.GetType().Name}."),
    };

    private static Task InsertInstanceAsync(DbConnection connection, string id, string status, string? endedAt) =>
        connection.ExecuteAsync(
            "INSERT INTO wk_instances (id, flow_key, flow_version, status, trigger_kind, initiator, form_json, " +
            "state_json, version, started_at, updated_at, ended_at) VALUES (@Id, 'stock', 1, @Status, 'api', 'alice', " +
            "'{}', '{}', 1, '2025-03-03T01:00:00.0000000Z', '2025-03-03T01:00:00.0000000Z', " +
            (endedAt is null ? "NULL" : $"'{endedAt}'") + ")",
            new { Id = id, Status = status });

    private static Task InsertIncidentAsync(DbConnection connection, string id, string instanceId, string? resolvedBy) =>
        connection.ExecuteAsync(
            "INSERT INTO wk_incidents (id, instance_id, node_id, kind, message, created_at, resolved_at, resolved_by) " +
            "VALUES (@Id, @InstanceId, 'check', 'script', 'stock service down', '2025-03-03T01:00:00.0000000Z', " +
            (resolvedBy is null ? "NULL" : "'2025-03-03T01:30:00.0000000Z'") + ", @ResolvedBy)",
            new { Id = id, InstanceId = instanceId, ResolvedBy = resolvedBy });
}
