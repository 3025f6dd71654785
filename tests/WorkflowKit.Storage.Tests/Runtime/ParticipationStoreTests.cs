using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Definitions.Packages;
using WorkflowKit.Expressions;
using WorkflowKit.Organization;
using WorkflowKit.Permissions;
using WorkflowKit.Records;
using WorkflowKit.Runtime;
using WorkflowKit.Runtime.Definitions;
using WorkflowKit.Runtime.Expressions;
using WorkflowKit.Runtime.Instances;
using WorkflowKit.Runtime.Participation;
using WorkflowKit.Runtime.Tasks;
using WorkflowKit.Storage.PostgreSql;
using WorkflowKit.Storage.PostgreSql.Records;
using WorkflowKit.Storage.PostgreSql.Runtime;
using WorkflowKit.Storage.Sqlite;
using WorkflowKit.Storage.Sqlite.Records;
using WorkflowKit.Storage.Sqlite.Runtime;
using WorkflowKit.Storage.Tests.Records;

namespace WorkflowKit.Storage.Tests.Runtime;

/// <summary>
/// The participation store on each provider: the initiator, an assignee who acted, a CC
/// recipient and a linked record are admitted by a participant rule; a stranger is not.
/// </summary>
[TestFixture(StorageProvider.Sqlite)]
[TestFixture(StorageProvider.PostgreSql)]
public sealed class ParticipationStoreTests(StorageProvider provider)
{
    private const string Flow = """
        {
          "formatVersion": 1, "kind": "flow", "key": "onboard", "name": "Onboard",
          "nodes": [
            { "id": "start", "type": "start" },
            { "id": "inform", "type": "cc", "recipients": [{ "type": "user", "value": "carol" }] },
            { "id": "approve", "type": "approval", "assignees": [{ "type": "user", "value": "bob" }] },
            { "id": "log", "type": "createRecord", "form": "customer", "values": { "name": "form.name" } },
            { "id": "end", "type": "end" }
          ],
          "edges": [
            { "id": "e1", "from": "start", "to": "inform" }, { "id": "e2", "from": "inform", "to": "approve" },
            { "id": "e3", "from": "approve", "to": "log" }, { "id": "e4", "from": "log", "to": "end" }
          ]
        }
        """;

    private TestDatabase? _database;
    private FakeTimeProvider _time = null!;
    private IRecordStore _records = null!;
    private IParticipationStore _participation = null!;
    private WorkflowKit.Runtime.Storage.IRuntimeStore _runtime = null!;
    private WorkflowEngine _engine = null!;
    private InMemoryOrganizationDirectory _organization = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        _database = await TestDatabase.CreateAsync(provider);
        _time = new FakeTimeProvider(new DateTimeOffset(2025, 3, 3, 1, 0, 0, TimeSpan.Zero));
        WorkflowKit.Runtime.Storage.IRuntimeStore runtime;
        (_records, runtime, _participation) = _database.Database switch
        {
            SqliteDatabase sqlite => ((IRecordStore)new SqliteRecordStore(sqlite, _time),
                (WorkflowKit.Runtime.Storage.IRuntimeStore)new SqliteRuntimeStore(sqlite),
                (IParticipationStore)new SqliteParticipationStore(sqlite)),
            PostgresDatabase postgres => (new PostgresRecordStore(postgres, _time), new PostgresRuntimeStore(postgres),
                new PostgresParticipationStore(postgres)),
            _ => throw new InvalidOperationException($"No stores for {_database.Database.GetType().Name}."),
        };
        _runtime = runtime;
        await ((IRecordFormRegistry)_records).RegisterFormAsync(CustomerForm.Create(), default);
        var flows = new InMemoryFlowDefinitionSource();
        flows.Publish(DefinitionJson.Deserialize<FlowDefinition>(Flow));
        _organization = new InMemoryOrganizationDirectory();
        foreach (var user in new[] { "alice", "bob", "carol", "henry" })
        {
            _organization.Add(new OrgUser(user, user, null, ["sales"], new Dictionary<string, string>()));
        }

        _engine = new WorkflowEngine(
            _database.Database, runtime, flows, new ScriptHostFlowExpressions(new ScriptHost(timeProvider: _time)),
            _organization, _records, _time, new EngineOptions { RunnerId = "test" });
    }

    [TearDown]
    public async Task TearDownAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Test]
    public async Task Participants_see_written_record()
    {
        var record = await RunFlowAsync();

        foreach (var user in new[] { "alice", "bob", "carol" })
        {
            Assert.That(await _participation.GetRecordIdsAsync(user, "customer", default), Is.EqualTo(new[] { record }),
                user);
        }

        Assert.That(await _participation.GetRecordIdsAsync("henry", "customer", default), Is.Empty);
        Assert.That(await _participation.GetRecordIdsAsync("bob", "other-form", default), Is.Empty);
    }

    [Test]
    public async Task Linked_record_admits_participants()
    {
        var started = await _engine.StartAsync(
            new StartInstanceRequest("onboard", "alice") { Form = new JsonObject { ["name"] = "甲" } }, default);
        await using var transaction = await _database!.Database.BeginTransactionAsync(default);
        var imported = await _records.CreateAsync(
            "customer", new JsonObject { ["name"] = "乙" }, new RecordWriteContext("system", transaction, null), default);
        await _participation.LinkRecordAsync(transaction, started.Id, "customer", imported.Id, default);
        await _participation.LinkRecordAsync(transaction, started.Id, "customer", imported.Id, default);
        await transaction.CommitAsync(default);

        Assert.That(await _participation.GetRecordIdsAsync("bob", "customer", default), Is.EqualTo(new[] { imported.Id }));
        Assert.That(await _participation.GetRecordIdsAsync("henry", "customer", default), Is.Empty);
    }

    [Test]
    public async Task Participant_rule_reads_through_store()
    {
        var record = await RunFlowAsync();
        await _records.CreateAsync("customer", new JsonObject { ["name"] = "unrelated" },
            new RecordWriteContext("henry", null, null), default);
        var rules = new InMemoryPermissionRuleStore().Add(new PermissionRule
        {
            Role = "sales", Form = "customer", Actions = ["read"], Participant = true,
        });
        var reader = new RecordReader(
            _records, (IRecordQueries)_records, (IRecordFormRegistry)_records,
            new RecordAccess(rules, _organization, _participation));

        var forCarol = await reader.ListAsync("carol", new RecordQuery("customer"), default);
        var forHenry = await reader.ListAsync("henry", new RecordQuery("customer"), default);

        Assert.That(forCarol.Items.Select(item => item.Id), Is.EqualTo(new[] { record }));
        Assert.That(forHenry.Items, Is.Empty);
    }

    [Test]
    public async Task Audit_actor_takes_part_system_does_not()
    {
        var record = await RunFlowAsync();
        var instanceId = (await _records.QueryAsync(new RecordQuery("customer"), null, default)).Items
            .Single(item => item.Id == record).InstanceId!;
        Assert.That(await _participation.GetRecordIdsAsync("henry", "customer", default), Is.Empty);
        Assert.That(await _participation.GetRecordIdsAsync("system", "customer", default), Is.Empty,
            "the engine's own audit lines name the actor 'system'; they must not make a user of that id take part");

        await using (var transaction = await _database!.Database.BeginTransactionAsync(default))
        {
            await _runtime.InsertAuditAsync(transaction,
                [new WorkflowKit.Runtime.Audit.AuditEntry(0, instanceId, _time.GetUtcNow(), "henry", "instance.urged",
                    null, null, "请尽快处理", null, null)], default);
            await transaction.CommitAsync(default);
        }

        Assert.That(await _participation.GetRecordIdsAsync("henry", "customer", default), Is.EqualTo(new[] { record }));
    }

    /// <summary>Starts the flow as alice, approves as bob and returns the id of the record the flow wrote.</summary>
    private async Task<long> RunFlowAsync()
    {
        var started = await _engine.StartAsync(
            new StartInstanceRequest("onboard", "alice") { Form = new JsonObject { ["name"] = "协和医院" } }, default);
        var task = (await _engine.QueryTasksAsync(new TaskQuery { InstanceId = started.Id }, default)).Single();
        await _engine.ActAsync(new TaskActionRequest(task.Id, "approve", "bob"), default);
        var written = await _records.QueryAsync(new RecordQuery("customer"), null, default);
        return written.Items.Single(item => item.InstanceId == started.Id).Id;
    }
}
