using System.Text.Json.Nodes;
using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Forms;
using WorkflowKit.Runtime.Audit;
using WorkflowKit.Runtime.Instances;
using WorkflowKit.Runtime.Tasks;

namespace WorkflowKit.Runtime.Tests.Returns;

/// <summary>
/// Return to the initiator (退回发起人): the instance goes back to the start node, the initiator corrects and
/// resubmits or withdraws, and task views offer return only where a target exists.
/// </summary>
public sealed class ReturnToInitiatorTests
{
    private static FormDefinition OrderForm() => new()
    {
        Key = "order",
        Name = new LocalizedText("Order"),
        Fields =
        [
            new FieldDefinition { Id = "customer", Type = FieldTypes.Text, Label = new LocalizedText("Customer"), Required = true },
            new FieldDefinition { Id = "amount", Type = FieldTypes.Money, Label = new LocalizedText("Amount"), Min = JsonValue.Create(1m) },
            new FieldDefinition { Id = "region", Type = FieldTypes.Text, Label = new LocalizedText("Region") },
        ],
    };

    /// <summary>Orders up to 100 go to dave, larger ones to grace, then carol signs off.</summary>
    private static FlowBuilder RoutedFlow(Action<NodeDefinition>? configureManager = null) => new FlowBuilder("order")
        .Configure(flow => flow.Form = "order")
        .Start().Node("route", NodeTypes.Condition)
        .Approval("manager", ApprovalModes.Single, ["dave"], configureManager)
        .Approval("director", ApprovalModes.Single, ["grace"])
        .Approval("finance", ApprovalModes.Single, ["carol"]).End()
        .Chain("start", "route")
        .Edge("route", "director", "form.amount > 100")
        .Edge("route", "manager", isDefault: true)
        .Chain("manager", "finance").Chain("director", "finance").Chain("finance", "end");

    private static async Task<EngineFixture> FixtureAsync(FlowBuilder? flow = null)
    {
        var fx = await EngineFixture.CreateAsync();
        fx.Definitions.Publish((flow ?? RoutedFlow()).Build(), OrderForm());
        return fx;
    }

    private static Task<WorkflowInstance> StartOrderAsync(EngineFixture fx, decimal amount = 50m) =>
        fx.StartAsync("order", "alice", $$"""{"customer": "协和医院", "amount": {{amount}}, "region": "north"}""");

    private static Task<TaskActionResult> ReturnAsync(
        EngineFixture fx, WorkTask task, string? target = null, string? comment = "amount is wrong") =>
        fx.Engine.ActAsync(
            new TaskActionRequest(task.Id, TaskActions.Return, task.Assignee)
            {
                TargetNodeId = target, Comment = comment, ExpectedVersion = task.Version,
            },
            CancellationToken.None);

    private static Task<TaskActionResult> ResubmitAsync(EngineFixture fx, WorkTask task, string changes) =>
        fx.Engine.ActAsync(
            new TaskActionRequest(task.Id, TaskActions.Resubmit, "alice")
            {
                FormChanges = JsonNode.Parse(changes)!.AsObject(), ExpectedVersion = task.Version,
            },
            CancellationToken.None);

    [Test]
    public async Task Return_first_step_goes_to_initiator()
    {
        await using var fx = await FixtureAsync();
        var instance = await StartOrderAsync(fx);
        var manager = await fx.TaskAssignedToAsync(instance.Id, "manager", "dave");

        await ReturnAsync(fx, manager);

        var resubmission = await fx.TaskAssignedToAsync(instance.Id, "start", "alice");
        var history = await fx.Engine.GetHistoryAsync(instance.Id, CancellationToken.None);
        var returned = history.Single(entry => entry.Action == AuditActions.ReturnedToInitiator);
        Assert.That(resubmission.Kind, Is.EqualTo(NodeTypes.Start));
        Assert.That((await fx.Engine.GetTaskAsync(manager.Id, CancellationToken.None))!.Outcome, Is.EqualTo("returned"));
        Assert.That(returned.Actor, Is.EqualTo("dave"));
        Assert.That(returned.Comment, Is.EqualTo("amount is wrong"));
        Assert.That(returned.NodeId, Is.EqualTo("manager"));
        Assert.That(returned.Details?["returnedTo"]?.GetValue<string>(), Is.EqualTo("start"));
        Assert.That(history.Select(entry => entry.Action), Has.No.Member("task.return"));
        await fx.InstanceRunningAsync(instance.Id);
    }

    [Test]
    public async Task Resubmit_with_fix_reevaluates_route()
    {
        await using var fx = await FixtureAsync();
        var instance = await StartOrderAsync(fx);
        await ReturnAsync(fx, await fx.TaskAssignedToAsync(instance.Id, "manager", "dave"));
        var resubmission = await fx.TaskAssignedToAsync(instance.Id, "start", "alice");

        await ResubmitAsync(fx, resubmission, """{"amount": 500}""");

        var director = await fx.TaskAssignedToAsync(instance.Id, "director", "grace");
        var detail = await fx.InstanceAsync(instance.Id);
        var history = await fx.Engine.GetHistoryAsync(instance.Id, CancellationToken.None);
        var resubmitted = history.Single(entry => entry.Action == "task.resubmit");
        Assert.That(detail.Instance.Form["amount"]!.GetValue<decimal>(), Is.EqualTo(500m));
        Assert.That(resubmitted.Actor, Is.EqualTo("alice"));
        Assert.That(resubmitted.FormSnapshot?["amount"]?.GetValue<decimal>(), Is.EqualTo(500m));
        Assert.That((await fx.Engine.GetTaskAsync(resubmission.Id, CancellationToken.None))!.Outcome,
            Is.EqualTo("resubmitted"));

        await fx.ActAsync(director, "approve");
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "finance", "carol"), "approve");
        await fx.InstanceEndedWithAsync(instance.Id, "end");
    }

    [Test]
    public async Task Resubmit_resets_trail()
    {
        await using var fx = await FixtureAsync();
        var instance = await StartOrderAsync(fx);
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "manager", "dave"), "approve");
        var finance = await fx.TaskAssignedToAsync(instance.Id, "finance", "carol");
        await ReturnAsync(fx, finance, ReturnTarget.Initiator);

        await ResubmitAsync(fx, await fx.TaskAssignedToAsync(instance.Id, "start", "alice"), """{"amount": 500}""");

        var director = await fx.TaskAssignedToAsync(instance.Id, "director", "grace");
        var view = await fx.Engine.GetTaskViewAsync(director.Id, "grace", CancellationToken.None);
        Assert.That(view.ReturnTargets.Select(target => target.NodeId), Is.EqualTo(new[] { "start" }));
    }

    [Test]
    public async Task Resubmit_invalid_keeps_task_open()
    {
        await using var fx = await FixtureAsync();
        var instance = await StartOrderAsync(fx);
        await ReturnAsync(fx, await fx.TaskAssignedToAsync(instance.Id, "manager", "dave"));
        var resubmission = await fx.TaskAssignedToAsync(instance.Id, "start", "alice");

        var rejected = Assert.ThrowsAsync<InvalidSubmissionException>(
            () => ResubmitAsync(fx, resubmission, """{"amount": 0, "customer": ""}"""));

        Assert.That(rejected!.Errors.Select(error => error.Path).Order(), Is.EqualTo(new[] { "amount", "customer" }));
        var detail = await fx.InstanceAsync(instance.Id);
        Assert.That(detail.Instance.Form["amount"]!.GetValue<decimal>(), Is.EqualTo(50m));
        await fx.TaskAssignedToAsync(instance.Id, "start", "alice");
    }

    [Test]
    public async Task Resubmit_readonly_start_field_denied()
    {
        await using var fx = await FixtureAsync(RoutedFlow().Configure(flow =>
            flow.Nodes.Single(node => node.Id == "start").FieldPermissions = new()
            {
                ["customer"] = new FieldPermission { Access = FieldPermission.Editable },
                ["amount"] = new FieldPermission { Access = FieldPermission.Editable },
            }));
        var instance = await fx.StartAsync("order", "alice", """{"customer": "协和医院", "amount": 50}""");
        await ReturnAsync(fx, await fx.TaskAssignedToAsync(instance.Id, "manager", "dave"));
        var resubmission = await fx.TaskAssignedToAsync(instance.Id, "start", "alice");

        var view = await fx.Engine.GetTaskViewAsync(resubmission.Id, "alice", CancellationToken.None);
        var denied = Assert.ThrowsAsync<FieldAccessDeniedException>(
            () => ResubmitAsync(fx, resubmission, """{"region": "south"}"""));

        Assert.That(view.FieldAccess["region"], Is.EqualTo(FieldPermission.ReadOnly));
        Assert.That(view.FieldAccess["amount"], Is.EqualTo(FieldPermission.Editable));
        Assert.That(denied!.FieldId, Is.EqualTo("region"));
        await fx.TaskAssignedToAsync(instance.Id, "start", "alice");
    }

    [Test]
    public async Task Resubmission_view_shows_note_and_actions()
    {
        await using var fx = await FixtureAsync();
        var instance = await StartOrderAsync(fx);
        await ReturnAsync(fx, await fx.TaskAssignedToAsync(instance.Id, "manager", "dave"));
        var resubmission = await fx.TaskAssignedToAsync(instance.Id, "start", "alice");

        var view = await fx.Engine.GetTaskViewAsync(resubmission.Id, "alice", CancellationToken.None);

        Assert.That(view.Actions, Is.EqualTo(new[] { TaskActions.Resubmit, TaskActions.Withdraw, TaskActions.Comment }));
        Assert.That(view.ReturnTargets, Is.Empty);
        Assert.That(view.ReturnNote?.ReturnedBy, Is.EqualTo("dave"));
        Assert.That(view.ReturnNote?.FromNodeId, Is.EqualTo("manager"));
        Assert.That(view.ReturnNote?.Comment, Is.EqualTo("amount is wrong"));
        Assert.That(view.FieldAccess.Values.Distinct(), Is.EqualTo(new[] { FieldPermission.Editable }));
    }

    [Test]
    public async Task Resubmission_task_refuses_approve()
    {
        await using var fx = await FixtureAsync();
        var instance = await StartOrderAsync(fx);
        await ReturnAsync(fx, await fx.TaskAssignedToAsync(instance.Id, "manager", "dave"));
        var resubmission = await fx.TaskAssignedToAsync(instance.Id, "start", "alice");

        var error = Assert.ThrowsAsync<TaskActionException>(() => fx.ActAsync(resubmission, TaskActions.Approve));

        Assert.That(error!.Error, Is.EqualTo(TaskActionError.ActionNotOffered));
        Assert.That(error.Message, Is.EqualTo(
            $"Action \"approve\" is not offered on the resubmission task {resubmission.Id} at the start node 'start'; " +
            "offered: resubmit, withdraw, comment."));
    }

    [Test]
    public async Task Resubmit_not_offered_on_approval()
    {
        await using var fx = await FixtureAsync();
        var instance = await StartOrderAsync(fx);
        var manager = await fx.TaskAssignedToAsync(instance.Id, "manager", "dave");

        var error = Assert.ThrowsAsync<TaskActionException>(() => fx.ActAsync(manager, TaskActions.Resubmit));

        Assert.That(error!.Error, Is.EqualTo(TaskActionError.ActionNotOffered));
    }

    [Test]
    public async Task Withdraw_resubmission_ends_instance()
    {
        await using var fx = await FixtureAsync();
        var instance = await StartOrderAsync(fx);
        await ReturnAsync(fx, await fx.TaskAssignedToAsync(instance.Id, "manager", "dave"));
        var resubmission = await fx.TaskAssignedToAsync(instance.Id, "start", "alice");

        await fx.ActAsync(resubmission, TaskActions.Withdraw, comment: "order cancelled by customer");

        var detail = await fx.InstanceAsync(instance.Id);
        var history = await fx.Engine.GetHistoryAsync(instance.Id, CancellationToken.None);
        Assert.That(detail.Instance.Status, Is.EqualTo(InstanceStatuses.Withdrawn));
        Assert.That(history.Single(entry => entry.Action == AuditActions.InstanceWithdrawn).Comment,
            Is.EqualTo("order cancelled by customer"));
        Assert.That((await fx.Engine.GetTaskAsync(resubmission.Id, CancellationToken.None))!.Outcome,
            Is.EqualTo("withdrawn"));
        await fx.NoOpenTasksAsync(instance.Id);
    }

    [Test]
    public async Task Instance_withdraw_allowed_after_return()
    {
        await using var fx = await FixtureAsync();
        var instance = await StartOrderAsync(fx);
        await ReturnAsync(fx, await fx.TaskAssignedToAsync(instance.Id, "manager", "dave"));

        await fx.Engine.WithdrawAsync(instance.Id, "alice", null, CancellationToken.None);

        Assert.That((await fx.InstanceAsync(instance.Id)).Instance.Status, Is.EqualTo(InstanceStatuses.Withdrawn));
    }

    [Test]
    public async Task Withdraw_not_offered_when_flow_forbids()
    {
        await using var fx = await FixtureAsync(RoutedFlow().Configure(flow =>
            flow.Settings = new FlowSettings { AllowWithdraw = false }));
        var instance = await StartOrderAsync(fx);
        await ReturnAsync(fx, await fx.TaskAssignedToAsync(instance.Id, "manager", "dave"));
        var resubmission = await fx.TaskAssignedToAsync(instance.Id, "start", "alice");

        var view = await fx.Engine.GetTaskViewAsync(resubmission.Id, "alice", CancellationToken.None);
        var error = Assert.ThrowsAsync<TaskActionException>(() => fx.ActAsync(resubmission, TaskActions.Withdraw));

        Assert.That(view.Actions, Is.EqualTo(new[] { TaskActions.Resubmit, TaskActions.Comment }));
        Assert.That(error!.Error, Is.EqualTo(TaskActionError.ActionNotOffered));
        await fx.InstanceRunningAsync(instance.Id);
    }

    [Test]
    public async Task Return_stale_version_conflicts()
    {
        await using var fx = await FixtureAsync();
        var instance = await StartOrderAsync(fx);
        var manager = await fx.TaskAssignedToAsync(instance.Id, "manager", "dave");
        await fx.Engine.ActAsync(
            new TaskActionRequest(manager.Id, TaskActions.Transfer, "dave") { TargetUserId = "bob" },
            CancellationToken.None);

        var conflict = Assert.ThrowsAsync<ConcurrencyConflictException>(() => fx.Engine.ActAsync(
            new TaskActionRequest(manager.Id, TaskActions.Return, "bob")
            {
                TargetNodeId = ReturnTarget.Initiator, ExpectedVersion = manager.Version,
            },
            CancellationToken.None));

        Assert.That(conflict!.ExpectedVersion, Is.EqualTo(manager.Version));
        await fx.TaskAssignedToAsync(instance.Id, "manager", "bob");
    }

    [Test]
    public async Task Resubmit_stale_version_conflicts()
    {
        await using var fx = await FixtureAsync();
        var instance = await StartOrderAsync(fx);
        await ReturnAsync(fx, await fx.TaskAssignedToAsync(instance.Id, "manager", "dave"));
        var resubmission = await fx.TaskAssignedToAsync(instance.Id, "start", "alice");
        await ResubmitAsync(fx, resubmission, """{"amount": 60}""");

        Assert.ThrowsAsync<ConcurrencyConflictException>(() => ResubmitAsync(fx, resubmission, """{"amount": 70}"""));

        Assert.That((await fx.InstanceAsync(instance.Id)).Instance.Form["amount"]!.GetValue<decimal>(), Is.EqualTo(60m));
        await fx.TaskAssignedToAsync(instance.Id, "manager", "dave");
    }

    [Test]
    public async Task Resubmit_after_restart()
    {
        await using var fx = await FixtureAsync();
        var instance = await StartOrderAsync(fx);
        await ReturnAsync(fx, await fx.TaskAssignedToAsync(instance.Id, "manager", "dave"));

        fx.Restart();
        await ResubmitAsync(fx, await fx.TaskAssignedToAsync(instance.Id, "start", "alice"), """{"amount": 80}""");

        await fx.TaskAssignedToAsync(instance.Id, "manager", "dave");
    }

    [Test]
    public async Task Return_in_branch_cancels_all_branches()
    {
        await using var fx = await FixtureAsync(new FlowBuilder("order")
            .Configure(flow => flow.Form = "order")
            .Start().Node("split", NodeTypes.ParallelSplit)
            .Approval("quality", "bob").Approval("legal", "grace").Node("join", NodeTypes.ParallelJoin).End()
            .Chain("start", "split").Chain("split", "quality", "join").Chain("split", "legal", "join").Chain("join", "end"));
        var instance = await StartOrderAsync(fx);
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "legal", "grace"), "approve");

        await ReturnAsync(fx, await fx.TaskAssignedToAsync(instance.Id, "quality", "bob"));

        var open = await fx.OpenTasksAsync(instance.Id);
        var tokens = (await fx.InstanceAsync(instance.Id)).Positions;
        Assert.That(open.Select(task => $"{task.NodeId}:{task.Assignee}"), Is.EqualTo(new[] { "start:alice" }));
        Assert.That(tokens.Select(token => (token.NodeId, token.WaitKind)), Is.EqualTo(new[] { ("start", "task") }));

        await ResubmitAsync(fx, open[0], """{"amount": 70}""");
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "legal", "grace"), "approve");
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "quality", "bob"), "approve");
        await fx.InstanceEndedWithAsync(instance.Id, "end");
    }

    [Test]
    public async Task Targets_list_initiator_then_earlier_nodes()
    {
        await using var fx = await FixtureAsync();
        var instance = await StartOrderAsync(fx);
        var manager = await fx.TaskAssignedToAsync(instance.Id, "manager", "dave");
        var first = await fx.Engine.GetTaskViewAsync(manager.Id, "dave", CancellationToken.None);
        await fx.ActAsync(manager, "approve");
        var finance = await fx.TaskAssignedToAsync(instance.Id, "finance", "carol");

        var second = await fx.Engine.GetTaskViewAsync(finance.Id, "carol", CancellationToken.None);

        Assert.That(first.ReturnTargets.Select(target => (target.NodeId, target.IsInitiator)),
            Is.EqualTo(new[] { ("start", true) }));
        Assert.That(first.Actions, Does.Contain(TaskActions.Return));
        Assert.That(second.ReturnTargets.Select(target => (target.NodeId, target.IsInitiator)),
            Is.EqualTo(new[] { ("start", true), ("manager", false) }));
    }

    [Test]
    public async Task Disallowed_initiator_first_step_offers_no_return()
    {
        await using var fx = await FixtureAsync(RoutedFlow(node => node.AllowReturnToInitiator = false));
        var instance = await StartOrderAsync(fx);
        var manager = await fx.TaskAssignedToAsync(instance.Id, "manager", "dave");

        var view = await fx.Engine.GetTaskViewAsync(manager.Id, "dave", CancellationToken.None);
        var noDefault = Assert.ThrowsAsync<TaskActionException>(() => ReturnAsync(fx, manager));
        var named = Assert.ThrowsAsync<TaskActionException>(() => ReturnAsync(fx, manager, "start"));

        Assert.That(view.ReturnTargets, Is.Empty);
        Assert.That(view.Actions, Does.Not.Contain(TaskActions.Return));
        Assert.That(view.Actions, Does.Contain(TaskActions.Approve));
        Assert.That(noDefault!.Error, Is.EqualTo(TaskActionError.NoEarlierNode));
        Assert.That(noDefault.Message, Is.EqualTo(
            $"Task {manager.Id} at node 'manager' has no earlier human node to return to in its branch, and the node " +
            "sets allowReturnToInitiator to false."));
        Assert.That(named!.Error, Is.EqualTo(TaskActionError.InvalidReturnTarget));
        Assert.That(named.Message, Is.EqualTo(
            $"Task {manager.Id} at node 'manager' cannot return to the initiator, because the node sets " +
            "allowReturnToInitiator to false. Earlier nodes: none."));
        await fx.TaskAssignedToAsync(instance.Id, "manager", "dave");
    }

    [Test]
    public async Task Node_without_return_action_offers_no_targets()
    {
        await using var fx = await FixtureAsync(RoutedFlow(node => node.Actions = ["approve", "reject"]));
        var instance = await StartOrderAsync(fx);
        var manager = await fx.TaskAssignedToAsync(instance.Id, "manager", "dave");

        var view = await fx.Engine.GetTaskViewAsync(manager.Id, "dave", CancellationToken.None);

        Assert.That(view.ReturnTargets, Is.Empty);
        Assert.That(view.Actions, Is.EqualTo(new[] { "approve", "reject", "comment" }));
    }
}
