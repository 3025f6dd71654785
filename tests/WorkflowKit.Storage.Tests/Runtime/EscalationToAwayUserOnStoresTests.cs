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
/// Escalations to a user who is away with a standing delegation, on each provider: the delegate is the user the task
/// escalates from, the delegations loop back, or a guard stops the route. In every case someone who can act holds
/// the task, and the audit line says why.
/// </summary>
[TestFixture(StorageProvider.Sqlite)]
[TestFixture(StorageProvider.PostgreSql)]
public sealed class EscalationToAwayUserOnStoresTests(StorageProvider provider) : EngineOnStoresFixture(provider)
{
    // The manager's review escalates to salesmgr-north after three minutes.
    private const string Flow = """
        {
          "formatVersion": 1, "kind": "flow", "key": "visit-flow", "name": "Visit", "form": "visit",
          "nodes": [
            { "id": "start", "type": "start" },
            { "id": "review", "type": "approval", "name": { "zh-CN": "经理审核", "en": "Manager review" },
              "assignees": [{ "type": "user", "value": "manager" }],
              "deadline": { "duration": "PT3M" },
              "overdue": { "action": "escalate", "to": [{ "type": "user", "value": "salesmgr-north" }] } },
            { "id": "end", "type": "end" }
          ],
          "edges": [ { "id": "e1", "from": "start", "to": "review" }, { "id": "e2", "from": "review", "to": "end" } ]
        }
        """;

    private const string Form = """
        {
          "formatVersion": 1, "kind": "form", "key": "visit", "name": "Visit",
          "fields": [ { "id": "hospital", "type": "text", "label": "Hospital" } ]
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
            .Add(EngineOnStores.User("manager", "王经理"))
            .Add(EngineOnStores.User("salesmgr-north", "宋嘉怡"))
            .Add(EngineOnStores.User("salesmgr-east", "林东"));
        Stores.Flows.Publish(
            DefinitionJson.Deserialize<FlowDefinition>(Flow), DefinitionJson.Deserialize<FormDefinition>(Form));
        _delegations = Stores.CreateDelegationStore();
        _service = new DelegationService(_delegations, Stores.Organization, Stores.Time, new EngineOptions());
    }

    [Test]
    public async Task Chain_back_to_holder_keeps_delegate()
    {
        var engine = Engine();
        var started = await StartAsync(engine, "alice");
        await DelegateAsync("salesmgr-north", "salesmgr-east");
        await DelegateAsync("manager", "salesmgr-north", moveOpenTasks: true);
        await engine.MoveDelegatedTasksAsync(default);
        var moved = await OpenTaskAsync(engine, started.Id);

        Stores.Time.Advance(TimeSpan.FromMinutes(3));
        await engine.RunDueWorkAsync(default);

        var restarted = Engine("node-b");
        var task = await OpenTaskAsync(restarted, started.Id);
        var history = await restarted.GetHistoryAsync(started.Id, default);
        var escalated = history.Single(entry => entry.Action == AuditActions.TaskEscalated);
        var delegated = history.Last(entry => entry.Action == AuditActions.TaskDelegated);
        var assignments = await RuntimeStoreFixture.CreateStore(Stores.Database).GetTaskAssignmentsAsync(task.Id, default);
        var eastKinds = (await restarted.GetNotificationsAsync("salesmgr-east", false, default)).Select(note => note.Kind);

        Assert.That(moved.Assignee, Is.EqualTo("salesmgr-east"));
        Assert.That(task.Id, Is.EqualTo(moved.Id));
        Assert.That(task.Assignee, Is.EqualTo("salesmgr-east"));
        Assert.That(history.Where(entry => entry.Action == AuditActions.DelegationSkipped), Is.Empty);
        Assert.That(delegated.Details!["chain"]!.ToJsonString(), Is.EqualTo("""["salesmgr-north","salesmgr-east"]"""));
        Assert.That(escalated.Details!["to"]!.ToJsonString(), Is.EqualTo("""["salesmgr-east"]"""));
        Assert.That(escalated.Details["targets"]!.ToJsonString(), Is.EqualTo("""["salesmgr-north"]"""));
        Assert.That(escalated.Comment, Is.EqualTo(
            "The escalation target 宋嘉怡 is away, and their delegate is 林东, who held the task, so 林东 keeps it on " +
            "behalf of 宋嘉怡."));
        Assert.That(escalated.Details["comment"]!["zh-CN"]!.GetValue<string>(),
            Is.EqualTo("升级对象 宋嘉怡 不在，其代理人 林东 即原处理人，任务仍由 林东 代 宋嘉怡 处理。"));
        Assert.That(assignments.Select(item => (item.UserId, item.Reason, item.By)).Last(),
            Is.EqualTo(("salesmgr-east", "delegated", "salesmgr-north")));
        Assert.That(eastKinds, Does.Contain(NotificationKinds.Overdue));
        Assert.That(await restarted.GetNotificationsAsync("salesmgr-north", false, default), Is.Empty);

        await restarted.ActAsync(new TaskActionRequest(task.Id, TaskActions.Approve, "salesmgr-east"), default);
        Assert.That((await restarted.GetTaskAsync(task.Id, default))!.Outcome, Is.EqualTo("approved"));
    }

    [Test]
    public async Task Looping_chain_keeps_former_assignee()
    {
        var engine = Engine();
        var started = await StartAsync(engine, "alice");
        var escalatedTask = await OpenTaskAsync(engine, started.Id);
        await DelegateAsync("salesmgr-north", "salesmgr-east");
        await DelegateAsync("salesmgr-east", "salesmgr-north");

        Stores.Time.Advance(TimeSpan.FromMinutes(3));
        await engine.RunDueWorkAsync(default);

        var restarted = Engine("node-b");
        var tasks = await OpenTasksAsync(restarted, started.Id);
        var history = await restarted.GetHistoryAsync(started.Id, default);
        var escalated = history.Single(entry => entry.Action == AuditActions.TaskEscalated);
        var delegated = history.Single(entry => entry.Action == AuditActions.TaskDelegated);

        Assert.That(tasks.Select(task => (task.Id == escalatedTask.Id, task.Assignee)),
            Is.EquivalentTo(new[] { (true, "manager"), (false, "salesmgr-east") }));
        Assert.That(delegated.Details!["chain"]!.ToJsonString(), Is.EqualTo("""["salesmgr-north","salesmgr-east"]"""));
        Assert.That(delegated.Details["stopReason"]!.GetValue<string>(), Is.EqualTo(DelegationStops.Cycle));
        Assert.That(delegated.Comment, Is.EqualTo(
            "Not given to the delegate 宋嘉怡, because 宋嘉怡 is already in the delegation chain. 林东 holds the task."));
        Assert.That(escalated.Details!["to"]!.ToJsonString(), Is.EqualTo("""["manager","salesmgr-east"]"""));
        Assert.That(escalated.Comment, Is.EqualTo(
            "The escalation target 宋嘉怡 is away, and the task was not given to the delegate 宋嘉怡, because 宋嘉怡 is " +
            "already in the delegation chain. 王经理 keeps the task and 林东 gets it too; the first of them to decide " +
            "settles it."));
        Assert.That(await restarted.GetNotificationsAsync("manager", false, default),
            Has.None.Matches<Notification>(note => note.Kind == NotificationKinds.Escalated));

        await restarted.ActAsync(new TaskActionRequest(escalatedTask.Id, TaskActions.Approve, "manager"), default);
        var peer = tasks.Single(task => task.Id != escalatedTask.Id);
        Assert.That((await restarted.GetTaskAsync(peer.Id, default))!.Status, Is.EqualTo(TaskStatuses.Cancelled));
        Assert.That((await restarted.GetInstanceAsync(started.Id, default))!.Instance.Status, Is.EqualTo(InstanceStatuses.Completed));
    }

    [Test]
    public async Task Guard_at_first_hop_keeps_former_assignee()
    {
        var engine = Engine();
        var started = await StartAsync(engine, "salesmgr-east");
        var escalatedTask = await OpenTaskAsync(engine, started.Id);
        await DelegateAsync("salesmgr-north", "salesmgr-east");

        Stores.Time.Advance(TimeSpan.FromMinutes(3));
        await engine.RunDueWorkAsync(default);

        var tasks = await OpenTasksAsync(engine, started.Id);
        var history = await engine.GetHistoryAsync(started.Id, default);
        var skipped = history.Single(entry => entry.Action == AuditActions.DelegationSkipped);
        var escalated = history.Single(entry => entry.Action == AuditActions.TaskEscalated);
        var north = tasks.Single(task => task.Id != escalatedTask.Id);

        Assert.That(tasks.Single(task => task.Id == escalatedTask.Id).Assignee, Is.EqualTo("manager"));
        Assert.That(north.Assignee, Is.EqualTo("salesmgr-north"));
        Assert.That(skipped.Details!["stopReason"]!.GetValue<string>(), Is.EqualTo(DelegationStops.Initiator));
        Assert.That(escalated.Details!["to"]!.ToJsonString(), Is.EqualTo("""["manager","salesmgr-north"]"""));
        Assert.That(escalated.Details["comment"]!["zh-CN"]!.GetValue<string>(), Is.EqualTo(
            "升级对象 宋嘉怡 不在，未交给代理人 林东，因为 林东 是本次提交的发起人；任务仍留在 王经理 处，宋嘉怡 也收到任务，任一人处理即可。"));

        await engine.ActAsync(new TaskActionRequest(north.Id, TaskActions.Approve, "salesmgr-north"), default);
        Assert.That((await engine.GetTaskAsync(escalatedTask.Id, default))!.Status, Is.EqualTo(TaskStatuses.Cancelled));
    }

    private WorkflowEngine Engine(string runnerId = "node-a") => Stores.CreateEngine(runnerId, _delegations);

    private Task<Delegation> DelegateAsync(string user, string to, bool moveOpenTasks = false) =>
        _service.CreateAsync(
            new DelegationRequest(user, to, Monday0800, Monday0800.AddDays(7)) { MoveOpenTasks = moveOpenTasks },
            "admin", asAdministrator: true, default);

    private static Task<WorkflowInstance> StartAsync(WorkflowEngine engine, string initiator) => engine.StartAsync(
        new StartInstanceRequest("visit-flow", initiator)
        {
            TriggerKind = TriggerKinds.Form,
            Form = new JsonObject { ["hospital"] = "上海瑞金医院" },
        },
        default);

    private static async Task<IReadOnlyList<WorkTask>> OpenTasksAsync(WorkflowEngine engine, string instanceId) =>
        [.. (await engine.QueryTasksAsync(new TaskQuery { InstanceId = instanceId }, default))
            .Where(task => task.Status == TaskStatuses.Open)];

    private static async Task<WorkTask> OpenTaskAsync(WorkflowEngine engine, string instanceId) =>
        (await OpenTasksAsync(engine, instanceId)).Single();
}
