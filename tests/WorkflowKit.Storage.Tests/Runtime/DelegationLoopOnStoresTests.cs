using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Runtime;
using WorkflowKit.Runtime.Audit;
using WorkflowKit.Runtime.Delegations;
using WorkflowKit.Runtime.Instances;
using WorkflowKit.Runtime.Notifications;
using WorkflowKit.Runtime.Tasks;

namespace WorkflowKit.Storage.Tests.Runtime;

/// <summary>
/// Delegation loops on each provider: everyone in the loop is away, so a new or escalated task goes to the step's
/// escalation target outside the loop, else to the flow's owner, with an audit line and notices.
/// </summary>
[TestFixture(StorageProvider.Sqlite)]
[TestFixture(StorageProvider.PostgreSql)]
public sealed class DelegationLoopOnStoresTests(StorageProvider provider) : EngineOnStoresFixture(provider)
{
    // Bob's approval escalates to carol after two hours; erin owns the flow.
    private const string Flow = """
        {
          "formatVersion": 1, "kind": "flow", "key": "credit", "name": "Credit", "form": "request",
          "settings": { "owner": "erin" },
          "nodes": [
            { "id": "start", "type": "start" },
            { "id": "manager", "type": "approval", "name": { "zh-CN": "经理审批", "en": "Manager approval" },
              "assignees": [{ "type": "user", "value": "bob" }],
              "deadline": { "duration": "PT2H" },
              "overdue": { "action": "escalate", "to": [{ "type": "user", "value": "carol" }] } },
            { "id": "end", "type": "end" }
          ],
          "edges": [ { "id": "e1", "from": "start", "to": "manager" }, { "id": "e2", "from": "manager", "to": "end" } ]
        }
        """;

    private const string Form = """
        {
          "formatVersion": 1, "kind": "form", "key": "request", "name": "Request",
          "fields": [ { "id": "reason", "type": "text", "label": "Reason" } ]
        }
        """;

    // 2025-03-03 09:00 in Asia/Shanghai is the fixture's clock (01:00 UTC).
    private static readonly DateTime Monday0800 = new(2025, 3, 3, 8, 0, 0);

    private IDelegationStore _delegations = null!;
    private DelegationService _service = null!;

    [SetUp]
    public void SetUp()
    {
        Stores.Organization
            .Add(EngineOnStores.User("carol", "Carol"))
            .Add(EngineOnStores.User("dave", "Dave"))
            .Add(EngineOnStores.User("erin", "Erin"));
        _delegations = Stores.CreateDelegationStore();
        _service = new DelegationService(_delegations, Stores.Organization, Stores.Time, new EngineOptions());
    }

    [Test]
    public async Task Two_person_loop_goes_to_escalation_target()
    {
        Publish(Flow);
        await DelegateAsync("bob", "dave");
        await DelegateAsync("dave", "bob");
        var engine = Engine();

        var started = await StartAsync(engine);
        var task = await OpenTaskAsync(engine, started.Id);
        var history = await engine.GetHistoryAsync(started.Id, default);
        var loop = history.Single(entry => entry.Action == AuditActions.DelegationLoop);
        var assignments = await RuntimeStoreFixture.CreateStore(Stores.Database).GetTaskAssignmentsAsync(task.Id, default);
        var holderNotice = (await engine.GetNotificationsAsync("carol", false, default)).Single();
        var bobNotice = (await engine.GetNotificationsAsync("bob", false, default)).Single();
        var daveNotice = (await engine.GetNotificationsAsync("dave", false, default)).Single();

        Assert.That(task.Assignee, Is.EqualTo("carol"));
        Assert.That(task.OriginalAssignee, Is.EqualTo("bob"));
        Assert.That(assignments.Select(item => (item.UserId, item.Reason, item.By)),
            Is.EqualTo(new[] { ("carol", "delegationLoop", "bob") }));
        Assert.That(loop.TaskId, Is.EqualTo(task.Id));
        Assert.That(loop.Details!["loop"]!.ToJsonString(), Is.EqualTo("""["bob","dave"]"""));
        Assert.That(loop.Details["to"]!.GetValue<string>(), Is.EqualTo("carol"));
        Assert.That(loop.Details["holderRole"]!.GetValue<string>(), Is.EqualTo("escalationTarget"));
        Assert.That(loop.Comment, Is.EqualTo(
            "The delegations of Bob and Dave form a loop and all of them are away, so the task went to Carol, the " +
            "step's escalation target."));
        Assert.That(loop.Details["comment"]!["zh-CN"]!.GetValue<string>(),
            Is.EqualTo("Bob、Dave 的代理设置形成循环，且都不在岗，任务交给此步骤的升级对象 Carol。"));
        Assert.That(history.Where(entry => entry.Action == AuditActions.TaskDelegated), Is.Empty);
        Assert.That(holderNotice.Kind, Is.EqualTo(NotificationKinds.DelegationLoop));
        Assert.That(holderNotice.TaskId, Is.EqualTo(task.Id));
        Assert.That(holderNotice.Message!.Get("en"), Is.EqualTo(
            "Manager approval: the delegations of Bob and Dave form a loop and all of them are away, so the task is " +
            "yours as the step's escalation target."));
        Assert.That(bobNotice.Kind, Is.EqualTo(NotificationKinds.DelegationLoop));
        Assert.That(bobNotice.TaskId, Is.Null);
        Assert.That(bobNotice.Message!.Get("zh-CN"), Is.EqualTo(
            "经理审批：Bob、Dave 的代理设置形成循环，任务已交给 Carol。请修改您的代理设置，委托给在岗的人。"));
        Assert.That(daveNotice.Message!.Get("en"), Is.EqualTo(
            "Manager approval: the delegations of Bob and Dave form a loop, so the task went to Carol. Change your " +
            "delegation so that it names someone who is not away."));

        await engine.ActAsync(new TaskActionRequest(task.Id, TaskActions.Approve, "carol"), default);
        Assert.That((await engine.GetInstanceAsync(started.Id, default))!.Instance.Status, Is.EqualTo(InstanceStatuses.Completed));
    }

    [Test]
    public async Task Three_person_loop_goes_to_owner()
    {
        Publish(Flow);
        await DelegateAsync("bob", "carol");
        await DelegateAsync("carol", "dave");
        await DelegateAsync("dave", "bob");
        var engine = Engine();

        var started = await StartAsync(engine);
        var task = await OpenTaskAsync(engine, started.Id);
        var loop = (await engine.GetHistoryAsync(started.Id, default)).Single(entry => entry.Action == AuditActions.DelegationLoop);
        var erin = (await engine.GetNotificationsAsync("erin", false, default)).Single();

        Assert.That(task.Assignee, Is.EqualTo("erin"));
        Assert.That(loop.Details!["loop"]!.ToJsonString(), Is.EqualTo("""["bob","carol","dave"]"""));
        Assert.That(loop.Details["stoppedAt"]!.GetValue<string>(), Is.EqualTo("bob"));
        Assert.That(loop.Details["holderRole"]!.GetValue<string>(), Is.EqualTo("owner"));
        Assert.That(loop.Comment, Is.EqualTo(
            "The delegations of Bob, Carol and Dave form a loop and all of them are away, so the task went to Erin, " +
            "the flow's process owner."));
        Assert.That(erin.Message!.Get("zh-CN"), Is.EqualTo(
            "经理审批：Bob、Carol、Dave 的代理设置形成循环，且都不在岗，任务作为流程负责人交给您处理。"));
        foreach (var member in new[] { "bob", "carol", "dave" })
        {
            var notices = await engine.GetNotificationsAsync(member, false, default);
            Assert.That(notices.Select(note => note.Kind), Is.EqualTo(new[] { NotificationKinds.DelegationLoop }), member);
        }
    }

    [Test]
    public async Task Away_owner_passes_to_delegate()
    {
        Publish(Flow);
        await DelegateAsync("bob", "carol");
        await DelegateAsync("carol", "bob");
        await DelegateAsync("erin", "dave");
        var engine = Engine();

        var started = await StartAsync(engine);
        var task = await OpenTaskAsync(engine, started.Id);
        var history = await engine.GetHistoryAsync(started.Id, default);

        Assert.That(task.Assignee, Is.EqualTo("dave"));
        Assert.That(history.Single(entry => entry.Action == AuditActions.DelegationLoop).Details!["to"]!.GetValue<string>(),
            Is.EqualTo("dave"));
        Assert.That(history.Single(entry => entry.Action == AuditActions.TaskDelegated).Details!["chain"]!.ToJsonString(),
            Is.EqualTo("""["erin","dave"]"""));
    }

    [Test]
    public async Task Loop_without_owner_stays()
    {
        Publish(Flow.Replace("\"settings\": { \"owner\": \"erin\" },", string.Empty, StringComparison.Ordinal));
        await DelegateAsync("bob", "carol");
        await DelegateAsync("carol", "bob");
        var engine = Engine();

        var started = await StartAsync(engine);
        var task = await OpenTaskAsync(engine, started.Id);
        var history = await engine.GetHistoryAsync(started.Id, default);

        Assert.That(task.Assignee, Is.EqualTo("carol"));
        Assert.That(history.Where(entry => entry.Action == AuditActions.DelegationLoop), Is.Empty);
    }

    [Test]
    public async Task Escalation_loop_goes_to_owner()
    {
        Publish(Flow);
        var engine = Engine();
        var started = await StartAsync(engine);
        var escalatedTask = await OpenTaskAsync(engine, started.Id);
        await DelegateAsync("carol", "bob");
        await DelegateAsync("bob", "carol");

        Stores.Time.Advance(TimeSpan.FromHours(2));
        await engine.RunDueWorkAsync(default);

        var restarted = Engine("node-b");
        var task = await OpenTaskAsync(restarted, started.Id);
        var history = await restarted.GetHistoryAsync(started.Id, default);
        var escalated = history.Single(entry => entry.Action == AuditActions.TaskEscalated);
        var loop = history.Single(entry => entry.Action == AuditActions.DelegationLoop);
        var erinKinds = (await restarted.GetNotificationsAsync("erin", false, default)).Select(note => note.Kind);
        var bobKinds = (await restarted.GetNotificationsAsync("bob", false, default)).Select(note => note.Kind);

        Assert.That(task.Id, Is.EqualTo(escalatedTask.Id));
        Assert.That(task.Assignee, Is.EqualTo("erin"));
        Assert.That(escalated.Details!["to"]!.ToJsonString(), Is.EqualTo("""["erin"]"""));
        Assert.That(escalated.Details["targets"]!.ToJsonString(), Is.EqualTo("""["carol"]"""));
        Assert.That(loop.Details!["loop"]!.ToJsonString(), Is.EqualTo("""["carol","bob"]"""));
        Assert.That(loop.Details["holderRole"]!.GetValue<string>(), Is.EqualTo("owner"));
        Assert.That(erinKinds, Is.EquivalentTo(new[]
        {
            NotificationKinds.TaskAssigned, NotificationKinds.Overdue, NotificationKinds.DelegationLoop,
        }));
        Assert.That(bobKinds, Does.Contain(NotificationKinds.DelegationLoop));
        Assert.That(bobKinds, Does.Contain(NotificationKinds.Escalated));

        await restarted.ActAsync(new TaskActionRequest(task.Id, TaskActions.Approve, "erin"), default);
        Assert.That((await restarted.GetInstanceAsync(started.Id, default))!.Instance.Status, Is.EqualTo(InstanceStatuses.Completed));
    }

    private void Publish(string flow) => Stores.Flows.Publish(
        DefinitionJson.Deserialize<FlowDefinition>(flow), DefinitionJson.Deserialize<FormDefinition>(Form));

    private WorkflowEngine Engine(string runnerId = "node-a") => Stores.CreateEngine(runnerId, _delegations);

    private Task<Delegation> DelegateAsync(string user, string to) => _service.CreateAsync(
        new DelegationRequest(user, to, Monday0800, Monday0800.AddDays(7)), "admin", asAdministrator: true, default);

    private static Task<WorkflowInstance> StartAsync(WorkflowEngine engine) => engine.StartAsync(
        new StartInstanceRequest("credit", "alice")
        {
            TriggerKind = TriggerKinds.Form,
            Form = new JsonObject { ["reason"] = "额度调整" },
        },
        default);

    private static async Task<WorkTask> OpenTaskAsync(WorkflowEngine engine, string instanceId) =>
        (await engine.QueryTasksAsync(new TaskQuery { InstanceId = instanceId }, default))
            .Single(task => task.Status == TaskStatuses.Open);
}
