using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Runtime;
using WorkflowKit.Runtime.Audit;
using WorkflowKit.Runtime.Delegations;
using WorkflowKit.Runtime.Diagnostics;
using WorkflowKit.Runtime.Instances;
using WorkflowKit.Runtime.Notifications;
using WorkflowKit.Runtime.Tasks;

namespace WorkflowKit.Storage.Tests.Runtime;

/// <summary>
/// Standing delegations on each provider: tasks assigned during the period go to the delegate, before and after it
/// to the user; the flow filter, chains, cycles, guards, and moving the tasks already open when asked.
/// </summary>
[TestFixture(StorageProvider.Sqlite)]
[TestFixture(StorageProvider.PostgreSql)]
public sealed class DelegationOnStoresTests(StorageProvider provider) : EngineOnStoresFixture(provider)
{
    // Single approval by bob, then a countersign by bob and carol.
    private const string LeaveFlow = """
        {
          "formatVersion": 1, "kind": "flow", "key": "leave", "name": "Leave", "form": "request",
          "nodes": [
            { "id": "start", "type": "start" },
            { "id": "manager", "type": "approval", "name": { "zh-CN": "经理审批", "en": "Manager approval" },
              "assignees": [{ "type": "user", "value": "bob" }] },
            { "id": "board", "type": "approval", "approvalMode": "countersign",
              "assignees": [{ "type": "user", "value": "bob" }, { "type": "user", "value": "carol" }] },
            { "id": "end", "type": "end" }
          ],
          "edges": [
            { "id": "e1", "from": "start", "to": "manager" }, { "id": "e2", "from": "manager", "to": "board" },
            { "id": "e3", "from": "board", "to": "end" }
          ]
        }
        """;

    private const string OrderFlow = """
        {
          "formatVersion": 1, "kind": "flow", "key": "order", "name": "Order", "form": "request",
          "nodes": [
            { "id": "start", "type": "start" },
            { "id": "manager", "type": "approval", "assignees": [{ "type": "user", "value": "bob" }] },
            { "id": "end", "type": "end" }
          ],
          "edges": [ { "id": "e1", "from": "start", "to": "manager" }, { "id": "e2", "from": "manager", "to": "end" } ]
        }
        """;

    // Bob's task escalates to carol after two hours.
    private const string SlaFlow = """
        {
          "formatVersion": 1, "kind": "flow", "key": "sla", "name": "SLA", "form": "request",
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
        Stores.Organization.Add(EngineOnStores.User("carol", "Carol")).Add(EngineOnStores.User("dave", "Dave"));
        var form = DefinitionJson.Deserialize<FormDefinition>(Form);
        Stores.Flows.Publish(DefinitionJson.Deserialize<FlowDefinition>(LeaveFlow), form);
        Stores.Flows.Publish(DefinitionJson.Deserialize<FlowDefinition>(OrderFlow), form);
        Stores.Flows.Publish(DefinitionJson.Deserialize<FlowDefinition>(SlaFlow), form);
        _delegations = Stores.CreateDelegationStore();
        _service = new DelegationService(_delegations, Stores.Organization, Stores.Time, new EngineOptions());
    }

    [Test]
    public async Task Task_during_period_goes_to_delegate()
    {
        await DelegateAsync("bob", "carol");
        var engine = Engine();

        var started = await StartAsync(engine, "leave");
        var task = await OpenTaskAsync(engine, started.Id, "manager");
        var assignments = await RuntimeStoreFixture.CreateStore(Stores.Database).GetTaskAssignmentsAsync(task.Id, default);
        var delegated = (await engine.GetHistoryAsync(started.Id, default)).Single(entry => entry.Action == AuditActions.TaskDelegated);
        var notice = (await engine.GetNotificationsAsync("carol", false, default)).Single();

        Assert.That(task.Assignee, Is.EqualTo("carol"));
        Assert.That(task.OriginalAssignee, Is.EqualTo("bob"));
        Assert.That(assignments.Select(item => (item.UserId, item.Reason, item.By)), Is.EqualTo(new[] { ("carol", "delegated", "bob") }));
        Assert.That(delegated.Details!["chain"]!.ToJsonString(), Is.EqualTo("""["bob","carol"]"""));
        Assert.That(notice.Kind, Is.EqualTo(NotificationKinds.Delegated));
        Assert.That(notice.Message!.Get("en"), Is.EqualTo("Manager approval: on behalf of Bob"));
        Assert.That(notice.Message.Get("zh-CN"), Is.EqualTo("经理审批：代 Bob 处理"));
        Assert.That(await engine.GetNotificationsAsync("bob", false, default), Is.Empty);

        await engine.ActAsync(new TaskActionRequest(task.Id, TaskActions.Approve, "carol"), default);
        Assert.That((await engine.GetTaskAsync(task.Id, default))!.Outcome, Is.EqualTo("approved"));
    }

    [Test]
    public async Task Task_before_and_after_period_stays()
    {
        await _service.CreateAsync(
            new DelegationRequest("bob", "carol", Monday0800.AddHours(2), Monday0800.AddHours(4)), "bob", false, default);
        var engine = Engine();

        var before = await StartAsync(engine, "leave");
        Stores.Time.Advance(TimeSpan.FromHours(1));
        var during = await StartAsync(engine, "leave");
        Stores.Time.Advance(TimeSpan.FromHours(2));
        var after = await StartAsync(engine, "leave");

        Assert.That((await OpenTaskAsync(engine, before.Id, "manager")).Assignee, Is.EqualTo("bob"));
        Assert.That((await OpenTaskAsync(engine, during.Id, "manager")).Assignee, Is.EqualTo("carol"));
        Assert.That((await OpenTaskAsync(engine, after.Id, "manager")).Assignee, Is.EqualTo("bob"));
    }

    [Test]
    public async Task Flow_filter_limits_delegation()
    {
        await DelegateAsync("bob", "carol", flowKeys: ["order"]);
        var engine = Engine();

        var leave = await StartAsync(engine, "leave");
        var order = await StartAsync(engine, "order");

        Assert.That((await OpenTaskAsync(engine, leave.Id, "manager")).Assignee, Is.EqualTo("bob"));
        Assert.That((await OpenTaskAsync(engine, order.Id, "manager")).Assignee, Is.EqualTo("carol"));
    }

    [Test]
    public async Task Chain_reaches_last_delegate()
    {
        await DelegateAsync("bob", "carol");
        await DelegateAsync("carol", "dave");
        var engine = Engine();

        var started = await StartAsync(engine, "leave");
        var task = await OpenTaskAsync(engine, started.Id, "manager");
        var notice = (await engine.GetNotificationsAsync("dave", false, default)).Single();

        Assert.That(task.Assignee, Is.EqualTo("dave"));
        Assert.That(notice.Message!.Get("en"), Is.EqualTo("Manager approval: on behalf of Bob (delegated on through Carol)"));
    }

    [Test]
    public async Task Cycle_stops_before_repeat()
    {
        await DelegateAsync("bob", "carol");
        await DelegateAsync("carol", "bob");
        var engine = Engine();

        var started = await StartAsync(engine, "leave");
        var task = await OpenTaskAsync(engine, started.Id, "manager");
        var line = (await engine.GetHistoryAsync(started.Id, default)).Single(entry => entry.Action == AuditActions.TaskDelegated);

        Assert.That(task.Assignee, Is.EqualTo("carol"));
        Assert.That(line.Details!["stopReason"]!.GetValue<string>(), Is.EqualTo(DelegationStops.Cycle));
        Assert.That(line.Details["stoppedAt"]!.GetValue<string>(), Is.EqualTo("bob"));
    }

    [Test]
    public async Task Initiator_never_gets_own_task()
    {
        await DelegateAsync("bob", "alice");
        var engine = Engine();

        var started = await StartAsync(engine, "leave");
        var task = await OpenTaskAsync(engine, started.Id, "manager");
        var line = (await engine.GetHistoryAsync(started.Id, default))
            .Single(entry => entry.Action == AuditActions.DelegationSkipped);

        Assert.That(task.Assignee, Is.EqualTo("bob"));
        Assert.That(line.Details!["stopReason"]!.GetValue<string>(), Is.EqualTo(DelegationStops.Initiator));
    }

    [Test]
    public async Task Countersign_peer_is_not_delegate()
    {
        var engine = Engine();
        var started = await StartAsync(engine, "leave");
        var manager = await OpenTaskAsync(engine, started.Id, "manager");
        await DelegateAsync("bob", "carol");

        await engine.ActAsync(new TaskActionRequest(manager.Id, TaskActions.Approve, "bob"), default);
        var board = (await engine.QueryTasksAsync(new TaskQuery { InstanceId = started.Id, NodeId = "board" }, default))
            .Select(task => task.Assignee).Order(StringComparer.Ordinal);

        Assert.That(board, Is.EqualTo(new[] { "bob", "carol" }));
    }

    [Test]
    public async Task Escalation_reaches_target_delegate()
    {
        var engine = Engine();
        var started = await StartAsync(engine, "sla");
        await DelegateAsync("carol", "dave");

        Stores.Time.Advance(TimeSpan.FromHours(2));
        await engine.RunDueWorkAsync(default);

        var task = await OpenTaskAsync(Engine("node-b"), started.Id, "manager");
        var history = await engine.GetHistoryAsync(started.Id, default);
        var delegated = history.Single(entry => entry.Action == AuditActions.TaskDelegated);
        var escalated = history.Single(entry => entry.Action == AuditActions.TaskEscalated);
        var assignments = await RuntimeStoreFixture.CreateStore(Stores.Database).GetTaskAssignmentsAsync(task.Id, default);
        var bobNotice = (await engine.GetNotificationsAsync("bob", false, default))
            .Single(note => note.Kind == NotificationKinds.Escalated);
        var daveKinds = (await engine.GetNotificationsAsync("dave", false, default)).Select(note => note.Kind);

        Assert.That(task.Assignee, Is.EqualTo("dave"));
        Assert.That(delegated.Details!["chain"]!.ToJsonString(), Is.EqualTo("""["carol","dave"]"""));
        Assert.That(escalated.Details!["to"]!.ToJsonString(), Is.EqualTo("""["dave"]"""));
        Assert.That(escalated.Details["targets"]!.ToJsonString(), Is.EqualTo("""["carol"]"""));
        Assert.That(assignments.Select(item => (item.UserId, item.Reason, item.By)).Last(),
            Is.EqualTo(("dave", "delegated", "carol")));
        Assert.That(bobNotice.Message!.Get("en"), Does.Contain("escalated the task to Dave."));
        Assert.That(daveKinds, Is.EquivalentTo(new[] { NotificationKinds.Delegated, NotificationKinds.Overdue }));
        Assert.That(await engine.GetNotificationsAsync("carol", false, default), Is.Empty);

        await engine.ActAsync(new TaskActionRequest(task.Id, TaskActions.Approve, "dave"), default);
        Assert.That((await engine.GetTaskAsync(task.Id, default))!.Outcome, Is.EqualTo("approved"));
    }

    [Test]
    public async Task Escalation_back_to_delegate_keeps_task()
    {
        var engine = Engine();
        var started = await StartAsync(engine, "sla");
        await DelegateAsync("carol", "bob");

        Stores.Time.Advance(TimeSpan.FromHours(2));
        await engine.RunDueWorkAsync(default);

        var task = await OpenTaskAsync(engine, started.Id, "manager");
        var history = await engine.GetHistoryAsync(started.Id, default);
        var delegated = history.Single(entry => entry.Action == AuditActions.TaskDelegated);
        Assert.That(task.Assignee, Is.EqualTo("bob"));
        Assert.That(delegated.Details!["chain"]!.ToJsonString(), Is.EqualTo("""["carol","bob"]"""));
        Assert.That(history.Where(entry => entry.Action == AuditActions.DelegationSkipped), Is.Empty);
    }

    [Test]
    public async Task Countersign_delegate_to_peer_is_skipped()
    {
        var engine = Engine();
        var started = await StartAsync(engine, "leave");
        await DelegateAsync("carol", "bob");
        var manager = await OpenTaskAsync(engine, started.Id, "manager");

        await engine.ActAsync(new TaskActionRequest(manager.Id, TaskActions.Approve, "bob"), default);

        var board = (await engine.QueryTasksAsync(new TaskQuery { InstanceId = started.Id, NodeId = "board" }, default))
            .Select(task => task.Assignee).Order(StringComparer.Ordinal);
        var skipped = (await engine.GetHistoryAsync(started.Id, default))
            .Single(entry => entry.Action == AuditActions.DelegationSkipped);
        Assert.That(board, Is.EqualTo(new[] { "bob", "carol" }));
        Assert.That(skipped.Details!["stopReason"]!.GetValue<string>(), Is.EqualTo(DelegationStops.TakesPart));
        Assert.That(skipped.Comment, Is.EqualTo(
            "Not given to the delegate Bob, because Bob already takes part in this step. Carol holds the task."));
        Assert.That(skipped.Details["comment"]!["zh-CN"]!.GetValue<string>(),
            Is.EqualTo("未交给代理人 Bob，因为 Bob 已参与此步骤；任务由 Carol 处理。"));
    }

    [Test]
    public async Task Open_tasks_move_when_chosen()
    {
        var engine = Engine();
        var first = await StartAsync(engine, "leave");
        var second = await StartAsync(engine, "order");
        await DelegateAsync("bob", "carol", flowKeys: ["leave"], moveOpenTasks: true);

        var moved = await engine.MoveDelegatedTasksAsync(default);
        var again = await Engine("node-b").MoveDelegatedTasksAsync(default);
        var task = await OpenTaskAsync(engine, first.Id, "manager");

        Assert.That(moved, Is.EqualTo(1));
        Assert.That(again, Is.Zero);
        Assert.That(task.Assignee, Is.EqualTo("carol"));
        Assert.That((await OpenTaskAsync(engine, second.Id, "manager")).Assignee, Is.EqualTo("bob"));
        Assert.That((await engine.GetNotificationsAsync("carol", false, default)).Single().Kind, Is.EqualTo(NotificationKinds.Delegated));
        await engine.ActAsync(new TaskActionRequest(task.Id, TaskActions.Approve, "carol"), default);
    }

    [Test]
    public async Task Open_task_moves_resume_after_stop()
    {
        var engine = Engine();
        var first = await StartAsync(engine, "leave");
        var second = await StartAsync(engine, "order");
        await DelegateAsync("bob", "carol", moveOpenTasks: true);
        var stopping = Stores.CreateEngine("node-a", _delegations, new StopAfterFirstMove());

        Assert.ThrowsAsync<OperationCanceledException>(() => stopping.MoveDelegatedTasksAsync(default));
        var assignees = await AssigneesAsync(engine, first.Id, second.Id);
        var duringLease = await Engine("node-b").MoveDelegatedTasksAsync(default);
        Stores.Time.Advance(new EngineOptions().Lease);
        var resumed = await Engine("node-b").MoveDelegatedTasksAsync(default);
        var afterwards = await Engine("node-b").MoveDelegatedTasksAsync(default);

        Assert.That(assignees, Is.EquivalentTo(new[] { "bob", "carol" }));
        Assert.That(duringLease, Is.Zero);
        Assert.That(resumed, Is.EqualTo(1));
        Assert.That(afterwards, Is.Zero);
        Assert.That(await AssigneesAsync(engine, first.Id, second.Id), Is.EqualTo(new[] { "carol", "carol" }));
        Assert.That((await engine.GetNotificationsAsync("carol", false, default)).Count(note => note.Kind == NotificationKinds.Delegated),
            Is.EqualTo(2));
        Assert.That((await _delegations.FindAsync((await _delegations.ListForUserAsync("bob", default)).Single().Id, default))!
            .OpenTasksMovedAt, Is.Not.Null);
    }

    [Test]
    public async Task Resumed_move_skips_once()
    {
        var engine = Engine();
        var first = await StartAsync(engine, "leave");
        var second = await StartAsync(engine, "order");
        await DelegateAsync("bob", "alice", moveOpenTasks: true);
        var stopping = Stores.CreateEngine("node-a", _delegations, new StopAfterFirstMove());

        Assert.ThrowsAsync<OperationCanceledException>(() => stopping.MoveDelegatedTasksAsync(default));
        Stores.Time.Advance(new EngineOptions().Lease);
        var resumed = await Engine("node-b").MoveDelegatedTasksAsync(default);

        Assert.That(resumed, Is.Zero);
        Assert.That(await AssigneesAsync(engine, first.Id, second.Id), Is.EqualTo(new[] { "bob", "bob" }));
        foreach (var id in new[] { first.Id, second.Id })
        {
            var skipped = (await engine.GetHistoryAsync(id, default))
                .Where(entry => entry.Action == AuditActions.DelegationSkipped).ToList();
            Assert.That(skipped, Has.Count.EqualTo(1), id);
            Assert.That(skipped[0].Details!["stopReason"]!.GetValue<string>(), Is.EqualTo(DelegationStops.Initiator));
        }
    }

    [Test]
    public async Task Open_tasks_stay_by_default()
    {
        var engine = Engine();
        var started = await StartAsync(engine, "leave");
        await DelegateAsync("bob", "carol");

        Assert.That(await engine.MoveDelegatedTasksAsync(default), Is.Zero);
        Assert.That((await OpenTaskAsync(engine, started.Id, "manager")).Assignee, Is.EqualTo("bob"));
    }

    [Test]
    public async Task Open_tasks_move_when_period_starts()
    {
        var engine = Engine();
        var started = await StartAsync(engine, "leave");
        await _service.CreateAsync(
            new DelegationRequest("bob", "carol", Monday0800.AddHours(3), Monday0800.AddDays(2)) { MoveOpenTasks = true },
            "bob", false, default);

        var early = await engine.MoveDelegatedTasksAsync(default);
        Stores.Time.Advance(TimeSpan.FromHours(2));
        await engine.RunDueWorkAsync(default);

        Assert.That(early, Is.Zero);
        Assert.That((await OpenTaskAsync(engine, started.Id, "manager")).Assignee, Is.EqualTo("carol"));
    }

    [Test]
    public async Task Ended_delegation_no_longer_applies()
    {
        var delegation = await DelegateAsync("bob", "carol");
        await _service.EndAsync(delegation.Id, "bob", false, default);
        var engine = Engine();

        var started = await StartAsync(engine, "leave");

        Assert.That((await OpenTaskAsync(engine, started.Id, "manager")).Assignee, Is.EqualTo("bob"));
        var again = Assert.ThrowsAsync<DelegationException>(() => _service.EndAsync(delegation.Id, "bob", false, default));
        Assert.That(again!.Error, Is.EqualTo(DelegationError.AlreadyEnded));
    }

    [Test]
    public async Task Invalid_requests_are_rejected()
    {
        await DelegateAsync("bob", "carol");

        Assert.That(await ErrorOfAsync(new DelegationRequest("bob", "bob", Monday0800, Monday0800.AddDays(1))),
            Is.EqualTo(DelegationError.DelegatesToSelf));
        Assert.That(await ErrorOfAsync(new DelegationRequest("bob", "zoe", Monday0800, Monday0800.AddDays(1))),
            Is.EqualTo(DelegationError.DelegateNotFound));
        Assert.That(await ErrorOfAsync(new DelegationRequest("dave", "carol", Monday0800.AddDays(1), Monday0800)),
            Is.EqualTo(DelegationError.EndNotAfterStart));
        Assert.That(await ErrorOfAsync(new DelegationRequest("bob", "dave", Monday0800.AddDays(2), Monday0800.AddDays(3))),
            Is.EqualTo(DelegationError.Overlaps));
        Assert.That(await ErrorOfAsync(new DelegationRequest("dave", "carol", Monday0800, Monday0800.AddDays(1)), actor: "bob"),
            Is.EqualTo(DelegationError.NotPermitted));
        Assert.That(await _delegations.ListForUserAsync("dave", default), Is.Empty);
    }

    [Test]
    public async Task Overlap_message_names_other_period()
    {
        await DelegateAsync("bob", "carol");

        var error = Assert.ThrowsAsync<DelegationException>(() => _service.CreateAsync(
            new DelegationRequest("bob", "dave", Monday0800.AddDays(1), Monday0800.AddDays(2)), "bob", false, default));

        Assert.That(error!.Message, Is.EqualTo(
            "bob already delegates to carol from 2025-03-03 08:00 to 2025-03-10 08:00 (Asia/Shanghai) for every flow, " +
            "which overlaps 2025-03-04 08:00 to 2025-03-05 08:00 for every flow; end that delegation first, choose a " +
            "period outside it, or limit the two to different flows."));
    }

    [Test]
    public async Task Different_flows_may_share_period()
    {
        await DelegateAsync("bob", "carol", flowKeys: ["order"]);
        await DelegateAsync("bob", "dave", flowKeys: ["leave"]);
        var engine = Engine();

        var leave = await StartAsync(engine, "leave");
        var order = await StartAsync(engine, "order");

        Assert.That(await _delegations.ListForUserAsync("bob", default), Has.Count.EqualTo(2));
        Assert.That((await OpenTaskAsync(engine, leave.Id, "manager")).Assignee, Is.EqualTo("dave"));
        Assert.That((await OpenTaskAsync(engine, order.Id, "manager")).Assignee, Is.EqualTo("carol"));
    }

    [Test]
    public async Task Shared_flow_in_period_overlaps()
    {
        await DelegateAsync("bob", "carol", flowKeys: ["order", "leave"]);

        var error = Assert.ThrowsAsync<DelegationException>(() => DelegateAsync("bob", "dave", flowKeys: ["leave"]));
        var everyFlow = Assert.ThrowsAsync<DelegationException>(() => DelegateAsync("bob", "dave"));

        Assert.That(error!.Error, Is.EqualTo(DelegationError.Overlaps));
        Assert.That(error.Message, Does.Contain("(Asia/Shanghai) for flows order, leave, which overlaps"));
        Assert.That(error.Message, Does.Contain("08:00 for flows leave;"));
        Assert.That(everyFlow!.Error, Is.EqualTo(DelegationError.Overlaps));
        Assert.That(await _delegations.ListForUserAsync("bob", default), Has.Count.EqualTo(1));
    }

    private WorkflowEngine Engine(string runnerId = "node-a") => Stores.CreateEngine(runnerId, _delegations);

    private Task<Delegation> DelegateAsync(
        string user, string to, IReadOnlyList<string>? flowKeys = null, bool moveOpenTasks = false) =>
        _service.CreateAsync(
            new DelegationRequest(user, to, Monday0800, Monday0800.AddDays(7)) { FlowKeys = flowKeys, MoveOpenTasks = moveOpenTasks },
            "admin", asAdministrator: true, default);

    private async Task<DelegationError?> ErrorOfAsync(DelegationRequest request, string actor = "admin")
    {
        try
        {
            await _service.CreateAsync(request, actor, actor == "admin", default);
            return null;
        }
        catch (DelegationException error)
        {
            return error.Error;
        }
    }

    private static Task<WorkflowInstance> StartAsync(WorkflowEngine engine, string flow) => engine.StartAsync(
        new StartInstanceRequest(flow, "alice")
        {
            TriggerKind = TriggerKinds.Form,
            Form = new JsonObject { ["reason"] = "年假" },
        },
        default);

    private static async Task<string[]> AssigneesAsync(WorkflowEngine engine, params string[] instanceIds)
    {
        var assignees = new List<string>();
        foreach (var id in instanceIds)
        {
            assignees.Add((await OpenTaskAsync(engine, id, "manager")).Assignee);
        }

        return [.. assignees];
    }

    private static async Task<WorkTask> OpenTaskAsync(WorkflowEngine engine, string instanceId, string nodeId) =>
        (await engine.QueryTasksAsync(new TaskQuery { InstanceId = instanceId }, default)).Single(task =>
            task.NodeId == nodeId);
}

/// <summary>Stops the engine right after the first task move commits, as a process that ends there would.</summary>
internal sealed class StopAfterFirstMove : IFaultInjector
{
    private bool _stopped;

    public void At(FaultPoint point, string subject)
    {
        if (point == FaultPoint.AfterCommit && subject.StartsWith("delegation.move ", StringComparison.Ordinal) && !_stopped)
        {
            _stopped = true;
            throw new OperationCanceledException($"Stopped after {subject}.");
        }
    }
}
