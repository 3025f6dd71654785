using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Forms;
using WorkflowKit.Runtime;
using WorkflowKit.Runtime.Audit;
using WorkflowKit.Runtime.Instances;
using WorkflowKit.Runtime.Tasks;

namespace WorkflowKit.Storage.Tests.Runtime;

/// <summary>
/// Return to the initiator on each provider: the resubmission task survives an engine restart, a resubmission is
/// validated and routes by the corrected data, a stale version is refused, and the initiator may withdraw.
/// </summary>
[TestFixture(StorageProvider.Sqlite)]
[TestFixture(StorageProvider.PostgreSql)]
public sealed class ReturnToInitiatorOnStoresTests(StorageProvider provider) : EngineOnStoresFixture(provider)
{
    private const string Flow = """
        {
          "formatVersion": 1, "kind": "flow", "key": "order", "name": "Order", "form": "order",
          "nodes": [
            { "id": "start", "type": "start" }, { "id": "route", "type": "condition" },
            { "id": "manager", "type": "approval", "assignees": [{ "type": "user", "value": "bob" }] },
            { "id": "director", "type": "approval", "assignees": [{ "type": "user", "value": "carol" }] },
            { "id": "end", "type": "end" }
          ],
          "edges": [
            { "id": "e1", "from": "start", "to": "route" },
            { "id": "e2", "from": "route", "to": "director", "condition": { "any": [ { "all": [ { "field": "amount", "operator": "gt", "value": 100 } ] } ] } },
            { "id": "e3", "from": "route", "to": "manager", "isDefault": true },
            { "id": "e4", "from": "manager", "to": "end" }, { "id": "e5", "from": "director", "to": "end" }
          ]
        }
        """;

    private const string Form = """
        {
          "formatVersion": 1, "kind": "form", "key": "order", "name": "Order",
          "fields": [
            { "id": "customer", "type": "text", "label": "Customer", "required": true },
            { "id": "amount", "type": "money", "label": "Amount", "min": 1 }
          ]
        }
        """;

    [SetUp]
    public void SetUp()
    {
        Stores.Organization.Add(EngineOnStores.User("carol", "Carol"));
        Stores.Flows.Publish(
            DefinitionJson.Deserialize<FlowDefinition>(Flow), DefinitionJson.Deserialize<FormDefinition>(Form));
    }

    [Test]
    public async Task Resubmitted_fix_routes_after_restart()
    {
        var started = await StartAsync(Stores.CreateEngine());
        var manager = await OpenTaskAsync(Stores.CreateEngine(), started.Id, "manager");
        await Stores.CreateEngine().ActAsync(
            new TaskActionRequest(manager.Id, TaskActions.Return, "bob")
            {
                TargetNodeId = "start", Comment = "金额有误", ExpectedVersion = manager.Version,
            },
            default);

        var restarted = Stores.CreateEngine();
        var resubmission = await OpenTaskAsync(restarted, started.Id, "start");
        var view = await restarted.GetTaskViewAsync(resubmission.Id, "alice", default);
        Assert.ThrowsAsync<InvalidSubmissionException>(() => ResubmitAsync(restarted, resubmission, 0m));
        await ResubmitAsync(restarted, resubmission, 500m);

        var director = await OpenTaskAsync(restarted, started.Id, "director");
        await restarted.ActAsync(new TaskActionRequest(director.Id, TaskActions.Approve, "carol"), default);
        var done = await restarted.GetInstanceAsync(started.Id, default);
        var actions = (await restarted.GetHistoryAsync(started.Id, default)).Select(entry => entry.Action).ToList();
        Assert.That(view.ReturnNote,
            Is.EqualTo(new ReturnNote("bob", "manager", "金额有误", Stores.Time.GetUtcNow())));
        Assert.That(resubmission.Assignee, Is.EqualTo("alice"));
        Assert.That((done!.Instance.Status, done.Instance.EndNodeId), Is.EqualTo((InstanceStatuses.Completed, "end")));
        Assert.That(done.Instance.Form["amount"]!.GetValue<decimal>(), Is.EqualTo(500m));
        Assert.That(actions, Has.Member(AuditActions.ReturnedToInitiator));
        Assert.That(actions, Has.Member("task.resubmit"));
        Assert.That(done.Tasks.Single(task => task.NodeId == "manager").Outcome, Is.EqualTo("returned"));
    }

    [Test]
    public async Task Stale_resubmission_is_refused()
    {
        var engine = Stores.CreateEngine();
        var started = await StartAsync(engine);
        var manager = await OpenTaskAsync(engine, started.Id, "manager");
        await engine.ActAsync(
            new TaskActionRequest(manager.Id, TaskActions.Return, "bob") { TargetNodeId = ReturnTarget.Initiator },
            default);
        var resubmission = await OpenTaskAsync(engine, started.Id, "start");
        await ResubmitAsync(engine, resubmission, 60m);

        Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            ResubmitAsync(Stores.CreateEngine(), resubmission, 70m));
        Assert.ThrowsAsync<ConcurrencyConflictException>(() => engine.ActAsync(
            new TaskActionRequest(manager.Id, TaskActions.Return, "bob") { ExpectedVersion = manager.Version },
            default));

        var again = await OpenTaskAsync(engine, started.Id, "manager");
        var detail = await engine.GetInstanceAsync(started.Id, default);
        Assert.That(again.Id, Is.Not.EqualTo(manager.Id));
        Assert.That(detail!.Instance.Form["amount"]!.GetValue<decimal>(), Is.EqualTo(60m));
    }

    [Test]
    public async Task Initiator_withdraws_returned_instance()
    {
        var engine = Stores.CreateEngine();
        var started = await StartAsync(engine);
        var manager = await OpenTaskAsync(engine, started.Id, "manager");
        await engine.ActAsync(new TaskActionRequest(manager.Id, TaskActions.Return, "bob"), default);
        var resubmission = await OpenTaskAsync(Stores.CreateEngine(), started.Id, "start");

        await Stores.CreateEngine().ActAsync(
            new TaskActionRequest(resubmission.Id, TaskActions.Withdraw, "alice")
            {
                Comment = "客户取消", ExpectedVersion = resubmission.Version,
            },
            default);

        var done = await engine.GetInstanceAsync(started.Id, default);
        var withdrawn = (await engine.GetHistoryAsync(started.Id, default))
            .Single(entry => entry.Action == AuditActions.InstanceWithdrawn);
        Assert.That(done!.Instance.Status, Is.EqualTo(InstanceStatuses.Withdrawn));
        Assert.That(done.Tasks.Where(task => task.Status == TaskStatuses.Open), Is.Empty);
        Assert.That((withdrawn.Actor, withdrawn.Comment), Is.EqualTo(("alice", "客户取消")));
    }

    private static Task<WorkflowInstance> StartAsync(WorkflowEngine engine) => engine.StartAsync(
        new StartInstanceRequest("order", "alice")
        {
            TriggerKind = TriggerKinds.Form,
            Form = new JsonObject { ["customer"] = "协和医院", ["amount"] = JsonNode.Parse("50") },
        },
        default);

    private static async Task<WorkTask> OpenTaskAsync(WorkflowEngine engine, string instanceId, string nodeId) =>
        (await engine.QueryTasksAsync(new TaskQuery { InstanceId = instanceId }, default)).Single(task =>
            task.NodeId == nodeId);

    private static Task<TaskActionResult> ResubmitAsync(WorkflowEngine engine, WorkTask task, decimal amount) =>
        engine.ActAsync(
            new TaskActionRequest(task.Id, TaskActions.Resubmit, "alice")
            {
                FormChanges = new JsonObject { ["amount"] = amount }, ExpectedVersion = task.Version,
            },
            default);
}
