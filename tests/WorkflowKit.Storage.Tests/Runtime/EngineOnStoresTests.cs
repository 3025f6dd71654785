using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Records;
using WorkflowKit.Runtime;
using WorkflowKit.Runtime.Audit;
using WorkflowKit.Runtime.Instances;
using WorkflowKit.Runtime.Tasks;
using WorkflowKit.Storage.Tests.Records;

namespace WorkflowKit.Storage.Tests.Runtime;

/// <summary>
/// The real engine on each provider's runtime and record stores: a parallel approval and timer,
/// a join and a record write in one flow, and two engines racing on one task.
/// </summary>
[TestFixture(StorageProvider.Sqlite)]
[TestFixture(StorageProvider.PostgreSql)]
public sealed class EngineOnStoresTests(StorageProvider provider) : EngineOnStoresFixture(provider)
{
    private const string Flow = """
        {
          "formatVersion": 1, "kind": "flow", "key": "order", "name": "Order",
          "nodes": [
            { "id": "start", "type": "start" }, { "id": "split", "type": "parallelSplit" },
            { "id": "approve", "type": "approval", "assignees": [{ "type": "user", "value": "bob" }] },
            { "id": "cool", "type": "timer", "duration": "PT1H" }, { "id": "join", "type": "parallelJoin" },
            { "id": "log", "type": "createRecord", "form": "customer",
              "values": { "name": "form.name", "creditLimit": "form.amount" } },
            { "id": "end", "type": "end" }
          ],
          "edges": [
            { "id": "e1", "from": "start", "to": "split" }, { "id": "e2", "from": "split", "to": "approve" },
            { "id": "e3", "from": "split", "to": "cool" }, { "id": "e4", "from": "approve", "to": "join" },
            { "id": "e5", "from": "cool", "to": "join" }, { "id": "e6", "from": "join", "to": "log" },
            { "id": "e7", "from": "log", "to": "end" }
          ]
        }
        """;

    [SetUp]
    public async Task SetUpAsync()
    {
        await Stores.RecordForms.RegisterFormAsync(CustomerForm.Create(), default);
        Stores.Flows.Publish(DefinitionJson.Deserialize<FlowDefinition>(Flow));
    }

    [Test]
    public async Task Flow_joins_then_writes_record()
    {
        var engine = Stores.CreateEngine("node-a");
        var started = await StartAsync(engine);
        var task = (await engine.QueryTasksAsync(new TaskQuery { InstanceId = started.Id }, default)).Single();

        await engine.ActAsync(new TaskActionRequest(task.Id, "approve", "bob"), default);
        var waiting = await engine.GetInstanceAsync(started.Id, default);
        Stores.Time.Advance(TimeSpan.FromHours(1));
        for (var round = 0; round < 50 && await engine.RunDueWorkAsync(default) > 0; round++)
        {
        }

        var done = await engine.GetInstanceAsync(started.Id, default);
        var history = await engine.GetHistoryAsync(started.Id, default);
        var records = await Stores.Records.QueryAsync(new RecordQuery("customer"), null, default);
        Assert.That(waiting!.Instance.Status, Is.EqualTo(InstanceStatuses.Running));
        Assert.That((done!.Instance.Status, done.Instance.EndNodeId), Is.EqualTo((InstanceStatuses.Completed, "end")));
        Assert.That(history.Count(entry => entry.Action == AuditActions.TimerFired), Is.EqualTo(1));
        Assert.That(records.Items.Select(item => (item.Data["name"]!.GetValue<string>(),
            item.Data["creditLimit"]!.GetValue<decimal>(), item.InstanceId)),
            Is.EqualTo(new[] { ("协和医院", 12.50m, (string?)started.Id) }));
    }

    [Test]
    public async Task Two_engines_racing_give_one_approval()
    {
        var nodeA = Stores.CreateEngine("node-a");
        var nodeB = Stores.CreateEngine("node-b");
        var started = await StartAsync(nodeA);
        var task = (await nodeA.QueryTasksAsync(new TaskQuery { InstanceId = started.Id }, default)).Single();
        using var gate = new Barrier(2);

        var outcomes = await Task.WhenAll(ApproveAsync(nodeA, task.Id, gate), ApproveAsync(nodeB, task.Id, gate));

        Assert.That(outcomes.Order(), Is.EqualTo(new[] { "conflict", "ok" }));
        var history = await nodeB.GetHistoryAsync(started.Id, default);
        Assert.That(history.Count(entry => entry.Action == AuditActions.NodeCompleted && entry.NodeId == "approve"),
            Is.EqualTo(1));
    }

    [Test]
    public async Task Migrated_instance_continues_on_new_version()
    {
        var engine = Stores.CreateEngine("node-a");
        var started = await StartAsync(engine);
        var target = Stores.Flows.Publish(
            DefinitionJson.Deserialize<FlowDefinition>(Flow.Replace("\"approve\"", "\"check\"")));
        var mapping = new Dictionary<string, string> { ["approve"] = "check" };

        var plan = await engine.PlanMigrationAsync(started.Id, target.Version, mapping, default);
        var migrated = await engine.MigrateInstanceAsync(plan, "admin", default);
        var task = (await engine.QueryTasksAsync(new TaskQuery { InstanceId = started.Id }, default)).Single();
        await engine.ActAsync(new TaskActionRequest(task.Id, "approve", "bob"), default);
        Stores.Time.Advance(TimeSpan.FromHours(1));
        for (var round = 0; round < 50 && await engine.RunDueWorkAsync(default) > 0; round++)
        {
        }

        var done = await engine.GetInstanceAsync(started.Id, default);
        var history = await engine.GetHistoryAsync(started.Id, default);
        Assert.That(plan.Problems, Is.Empty);
        Assert.That((migrated.FlowVersion, task.NodeId, task.FlowVersion),
            Is.EqualTo((target.Version, "check", target.Version)));
        Assert.That((done!.Instance.Status, done.Instance.FlowVersion),
            Is.EqualTo((InstanceStatuses.Completed, target.Version)));
        Assert.That(history.Where(entry => entry.Action == AuditActions.InstanceMigrated).Select(entry => entry.Comment),
            Is.EqualTo(new[] { $"Migrated from version {started.FlowVersion} to {target.Version} by admin." }));
        Assert.That(history.Count(entry => entry.Action == AuditActions.TimerFired), Is.EqualTo(1));
    }

    [Test]
    public async Task Copied_user_sees_form_without_node_hidden_fields()
    {
        var hiding = DefinitionJson.Deserialize<FlowDefinition>(Flow.Replace(
            "\"assignees\": [{ \"type\": \"user\", \"value\": \"bob\" }]",
            "\"assignees\": [{ \"type\": \"user\", \"value\": \"bob\" }], \"fieldPermissions\": { \"amount\": \"hidden\" }"));
        Stores.Flows.Publish(hiding);
        var engine = Stores.CreateEngine("node-a");
        var started = await StartAsync(engine);
        var task = (await engine.QueryTasksAsync(new TaskQuery { InstanceId = started.Id }, default)).Single();

        await engine.ActAsync(new TaskActionRequest(task.Id, TaskActions.CarbonCopy, "bob") { TargetUserId = "alice" }, default);

        var seen = await engine.GetCarbonCopyViewAsync(started.Id, "alice", default);
        Assert.That(hiding.Nodes.Single(node => node.Id == "approve").FieldPermissions, Is.Not.Null);
        Assert.That(seen?.Select(pair => (pair.Key, pair.Value?.ToString())),
            Is.EqualTo(new[] { ("name", (string?)"协和医院") }));
        Assert.That(await engine.GetCarbonCopyViewAsync(started.Id, "bob", default), Is.Null);
    }

    private static Task<WorkflowInstance> StartAsync(WorkflowEngine engine) => engine.StartAsync(
        new StartInstanceRequest("order", "alice")
        {
            Form = new JsonObject { ["name"] = "协和医院", ["amount"] = JsonNode.Parse("12.50") },
        },
        default);

    private static Task<string> ApproveAsync(WorkflowEngine engine, string taskId, Barrier gate) => Task.Run(async () =>
    {
        gate.SignalAndWait();
        try
        {
            await engine.ActAsync(new TaskActionRequest(taskId, "approve", "bob"), default);
            return "ok";
        }
        catch (ConcurrencyConflictException)
        {
            return "conflict";
        }
    });
}
