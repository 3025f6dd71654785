using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Runtime.Instances;
using WorkflowKit.Runtime.Notifications;
using WorkflowKit.Runtime.Tasks;

namespace WorkflowKit.Runtime.Tests.Approvals;

public sealed class TaskActionTests
{
    private static FlowBuilder ThreeSteps() => new FlowBuilder("order")
        .Start().FillIn("draft", "alice").Approval("manager", "dave").Approval("finance", "carol").End()
        .Chain("start", "draft", "manager", "finance", "end");

    [Test]
    public async Task Return_Default_PreviousNode()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(ThreeSteps());
        var instance = await fx.StartAsync("order");
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "draft", "alice"), "submit");
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "manager", "dave"), "approve");

        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "finance", "carol"), "return", comment: "check price");

        await fx.TaskAssignedToAsync(instance.Id, "manager", "dave");
        var history = await fx.Engine.GetHistoryAsync(instance.Id, CancellationToken.None);
        var returned = history.Single(entry => entry.Action == "task.return");
        Assert.Multiple(() =>
        {
            Assert.That(returned.Actor, Is.EqualTo("carol"));
            Assert.That(returned.Comment, Is.EqualTo("check price"));
            Assert.That(returned.FormSnapshot, Is.Not.Null);
        });
    }

    [Test]
    public async Task Return_NamedNode()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(ThreeSteps());
        var instance = await fx.StartAsync("order");
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "draft", "alice"), "submit");
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "manager", "dave"), "approve");
        var finance = await fx.TaskAssignedToAsync(instance.Id, "finance", "carol");

        await fx.Engine.ActAsync(
            new TaskActionRequest(finance.Id, "return", "carol") { TargetNodeId = "draft" }, CancellationToken.None);

        await fx.TaskAssignedToAsync(instance.Id, "draft", "alice");
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "draft", "alice"), "submit");
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "manager", "dave"), "approve");
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "finance", "carol"), "approve");
        await fx.InstanceEndedWithAsync(instance.Id, "end");
    }

    [Test]
    public async Task Return_UnvisitedNode_Rejected()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(ThreeSteps());
        var instance = await fx.StartAsync("order");
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "draft", "alice"), "submit");
        var manager = await fx.TaskAssignedToAsync(instance.Id, "manager", "dave");

        var error = Assert.ThrowsAsync<TaskActionException>(() => fx.Engine.ActAsync(
            new TaskActionRequest(manager.Id, "return", "dave") { TargetNodeId = "finance" }, CancellationToken.None));

        Assert.That(error!.Message, Is.EqualTo(
            $"Cannot return task {manager.Id} to node 'finance': it is not an earlier human node of this branch. " +
            "Earlier nodes: draft. To return to the initiator, set targetNodeId to \":initiator\"."));
        await fx.TaskAssignedToAsync(instance.Id, "manager", "dave");
    }

    [Test]
    public async Task Return_InBranch_StaysInBranch()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(new FlowBuilder("branches")
            .Start().FillIn("draft", "alice").Node("split", NodeTypes.ParallelSplit)
            .FillIn("quote", "bob").Approval("check", "carol").Approval("legal", "grace")
            .Node("join", NodeTypes.ParallelJoin).End()
            .Chain("start", "draft", "split").Chain("split", "quote", "check", "join").Chain("split", "legal", "join")
            .Chain("join", "end"));
        var instance = await fx.StartAsync("branches");
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "draft", "alice"), "submit");
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "quote", "bob"), "submit");
        var check = await fx.TaskAssignedToAsync(instance.Id, "check", "carol");

        var outside = Assert.ThrowsAsync<TaskActionException>(() => fx.Engine.ActAsync(
            new TaskActionRequest(check.Id, "return", "carol") { TargetNodeId = "draft" }, CancellationToken.None));
        Assert.That(outside!.Message, Does.Contain("Earlier nodes: quote."));

        await fx.ActAsync(check, "return");
        await fx.TaskAssignedToAsync(instance.Id, "quote", "bob");
        await fx.TaskAssignedToAsync(instance.Id, "legal", "grace");

        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "legal", "grace"), "approve");
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "quote", "bob"), "submit");
        await fx.InstanceRunningAsync(instance.Id);
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "check", "carol"), "approve");
        await fx.InstanceEndedWithAsync(instance.Id, "end");
    }

    [Test]
    public async Task Withdraw_BeforeAction_Ends()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(ThreeSteps());
        var instance = await fx.StartAsync("order");

        await fx.Engine.WithdrawAsync(instance.Id, "alice", "typo", CancellationToken.None);

        await fx.InstanceEndedWithAsync(instance.Id, null!, status: InstanceStatuses.Withdrawn);
        await fx.NoOpenTasksAsync(instance.Id);
    }

    [Test]
    public async Task Direction_controls_in_comments_rejected()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(ThreeSteps());
        var instance = await fx.StartAsync("order");
        var draft = await fx.TaskAssignedToAsync(instance.Id, "draft", "alice");

        var onTask = Assert.ThrowsAsync<ArgumentException>(() => fx.Engine.ActAsync(
            new TaskActionRequest(draft.Id, TaskActions.Submit, "alice") { Comment = "ok \u202Etxt.exe" },
            CancellationToken.None));
        var onWithdrawal = Assert.ThrowsAsync<ArgumentException>(
            () => fx.Engine.WithdrawAsync(instance.Id, "alice", "客户取消 \u202Etest", CancellationToken.None));
        var onCancel = Assert.ThrowsAsync<ArgumentException>(
            () => fx.Engine.CancelAsync(instance.Id, "admin", "\u2066hidden\u2069", CancellationToken.None));

        Assert.That(onTask!.Message, Does.Contain("direction control U+202E at character 4"));
        Assert.That(onWithdrawal!.Message, Does.Contain("withdrawal reason").And.Contain("U+202E at character 6"));
        Assert.That(onCancel!.Message, Does.Contain("cancel reason").And.Contain("U+2066 at character 1"));
        await fx.TaskAssignedToAsync(instance.Id, "draft", "alice");
        await fx.InstanceRunningAsync(instance.Id);
    }

    [Test]
    public async Task Withdraw_AfterAction_Rejected()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(ThreeSteps());
        var instance = await fx.StartAsync("order");
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "draft", "alice"), "submit");

        var error = Assert.ThrowsAsync<InstanceActionException>(
            () => fx.Engine.WithdrawAsync(instance.Id, "alice", null, CancellationToken.None));

        Assert.That(error!.Error, Is.EqualTo(InstanceActionError.AlreadyActed));
        Assert.That(error.InstanceId, Is.EqualTo(instance.Id));
        Assert.That(error.Message, Does.Contain("can no longer be withdrawn"));
        await fx.TaskAssignedToAsync(instance.Id, "manager", "dave");
    }

    [Test]
    public async Task Withdraw_NotAllowed_Rejected()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(ThreeSteps().Configure(flow => flow.Settings = new FlowSettings { AllowWithdraw = false }));
        var instance = await fx.StartAsync("order");

        var error = Assert.ThrowsAsync<InstanceActionException>(
            () => fx.Engine.WithdrawAsync(instance.Id, "alice", null, CancellationToken.None));

        Assert.That(error!.Error, Is.EqualTo(InstanceActionError.WithdrawNotAllowed));
        Assert.That(error.FlowKey, Is.EqualTo("order"));
        await fx.InstanceRunningAsync(instance.Id);
    }

    [Test]
    public async Task Withdraw_OtherUser_Rejected()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(ThreeSteps());
        var instance = await fx.StartAsync("order");

        Assert.ThrowsAsync<UnauthorizedAccessException>(
            () => fx.Engine.WithdrawAsync(instance.Id, "bob", null, CancellationToken.None));
        await fx.InstanceRunningAsync(instance.Id);
    }

    [Test]
    public async Task Transfer_MovesTask()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(ThreeSteps());
        var instance = await fx.StartAsync("order");
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "draft", "alice"), "submit");
        var manager = await fx.TaskAssignedToAsync(instance.Id, "manager", "dave");

        await fx.Engine.ActAsync(
            new TaskActionRequest(manager.Id, "transfer", "dave") { TargetUserId = "grace" }, CancellationToken.None);

        var moved = await fx.TaskAssignedToAsync(instance.Id, "manager", "grace");
        Assert.That(moved.Id, Is.EqualTo(manager.Id));
        Assert.ThrowsAsync<UnauthorizedAccessException>(() => fx.ActAsync(moved, "approve", "dave"));
        var assignments = await fx.Store.GetTaskAssignmentsAsync(manager.Id, CancellationToken.None);
        Assert.That(assignments.Select(item => (item.UserId, item.Reason)),
            Is.EqualTo(new[] { ("dave", "assigned"), ("grace", "transferred") }));
    }

    [Test]
    public async Task AddSignerBefore_Sequential_ActsFirst()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(new FlowBuilder("seq")
            .Start().Approval("approve", ApprovalModes.Sequential, ["bob", "carol"]).End()
            .Chain("start", "approve", "end"));
        var instance = await fx.StartAsync("seq");
        var bob = await fx.TaskAssignedToAsync(instance.Id, "approve", "bob");

        await fx.Engine.ActAsync(
            new TaskActionRequest(bob.Id, "addSigner", "bob") { TargetUserId = "grace", SignerPosition = "before" },
            CancellationToken.None);

        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "approve", "grace"), "approve");
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "approve", "bob"), "approve");
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "approve", "carol"), "approve");
        await fx.InstanceEndedWithAsync(instance.Id, "end");
    }

    [Test]
    public async Task AddSignerAfter_Sequential_ActsNext()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(new FlowBuilder("seq")
            .Start().Approval("approve", ApprovalModes.Sequential, ["bob", "carol"]).End()
            .Chain("start", "approve", "end"));
        var instance = await fx.StartAsync("seq");
        var bob = await fx.TaskAssignedToAsync(instance.Id, "approve", "bob");

        await fx.Engine.ActAsync(
            new TaskActionRequest(bob.Id, "addSigner", "bob") { TargetUserId = "grace", SignerPosition = "after" },
            CancellationToken.None);
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "approve", "bob"), "approve");

        Assert.That((await fx.OpenTasksAsync(instance.Id)).Select(task => task.Assignee), Is.EqualTo(new[] { "grace" }));
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "approve", "grace"), "approve");
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "approve", "carol"), "approve");
        await fx.InstanceEndedWithAsync(instance.Id, "end");
    }

    [Test]
    public async Task AddSigner_Countersign_AddsTask()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(new FlowBuilder("all")
            .Start().Approval("approve", ApprovalModes.Countersign, ["bob"]).End()
            .Chain("start", "approve", "end"));
        var instance = await fx.StartAsync("all");
        var bob = await fx.TaskAssignedToAsync(instance.Id, "approve", "bob");

        await fx.Engine.ActAsync(
            new TaskActionRequest(bob.Id, "addSigner", "bob") { TargetUserId = "grace" }, CancellationToken.None);
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "approve", "bob"), "approve");

        await fx.InstanceRunningAsync(instance.Id);
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "approve", "grace"), "approve");
        await fx.InstanceEndedWithAsync(instance.Id, "end");
    }

    [Test]
    public async Task Urge_NotifiesAssignees()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(ThreeSteps());
        var instance = await fx.StartAsync("order");

        await fx.Engine.UrgeAsync(instance.Id, "alice", "please", CancellationToken.None);

        var notes = await fx.Engine.GetNotificationsAsync("alice", unreadOnly: true, CancellationToken.None);
        Assert.That(notes.Select(note => note.Kind), Does.Contain(NotificationKinds.Urge));
        var history = await fx.Engine.GetHistoryAsync(instance.Id, CancellationToken.None);
        Assert.That(history.Single(entry => entry.Action == "urge").Comment, Is.EqualTo("please"));
    }

    [Test]
    public async Task Comment_Audited_TaskStaysOpen()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(ThreeSteps());
        var instance = await fx.StartAsync("order", form: """{"qty": 5}""");
        var draft = await fx.TaskAssignedToAsync(instance.Id, "draft", "alice");

        await fx.ActAsync(draft, "comment", comment: "waiting for the quote");

        await fx.TaskAssignedToAsync(instance.Id, "draft", "alice");
        var history = await fx.Engine.GetHistoryAsync(instance.Id, CancellationToken.None);
        var comment = history.Single(entry => entry.Action == "task.comment");
        Assert.Multiple(() =>
        {
            Assert.That(comment.Actor, Is.EqualTo("alice"));
            Assert.That(comment.Comment, Is.EqualTo("waiting for the quote"));
            Assert.That(comment.FormSnapshot!["qty"]!.GetValue<int>(), Is.EqualTo(5));
        });
        Assert.DoesNotThrowAsync(() => fx.Engine.WithdrawAsync(instance.Id, "alice", null, CancellationToken.None));
    }

    [Test]
    public async Task Act_NonAssignee_Rejected()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(ThreeSteps());
        var instance = await fx.StartAsync("order");
        var draft = await fx.TaskAssignedToAsync(instance.Id, "draft", "alice");

        var error = Assert.ThrowsAsync<UnauthorizedAccessException>(() => fx.ActAsync(draft, "submit", "bob"));

        Assert.That(error!.Message, Is.EqualTo(
            $"Task {draft.Id} is assigned to alice, not to bob; only the assignee may act on it."));
    }

    [Test]
    public async Task Act_StaleVersion_Conflict()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(ThreeSteps());
        var instance = await fx.StartAsync("order");
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "draft", "alice"), "submit");
        var manager = await fx.TaskAssignedToAsync(instance.Id, "manager", "dave");
        await fx.Engine.ActAsync(
            new TaskActionRequest(manager.Id, "transfer", "dave") { TargetUserId = "grace" }, CancellationToken.None);

        var conflict = Assert.ThrowsAsync<ConcurrencyConflictException>(() => fx.Engine.ActAsync(
            new TaskActionRequest(manager.Id, "approve", "grace") { ExpectedVersion = manager.Version },
            CancellationToken.None));

        Assert.That(conflict!.ExpectedVersion, Is.EqualTo(manager.Version));
        Assert.That(conflict.ActualVersion, Is.EqualTo(manager.Version + 1));
    }

    [Test]
    public async Task FieldPermissions_ReadOnly_Rejected()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(new FlowBuilder("perm")
            .Start()
            .Approval("approve", ApprovalModes.Single, ["bob"], node => node.FieldPermissions = new()
            {
                ["discount"] = new FieldPermission { Access = FieldPermission.Editable },
                ["cost"] = new FieldPermission { Access = FieldPermission.Hidden },
            })
            .End()
            .Chain("start", "approve", "end"));
        var instance = await fx.StartAsync("perm", form: """{"amount": 100, "discount": 0, "cost": 60}""");
        var task = await fx.TaskAssignedToAsync(instance.Id, "approve", "bob");

        var denied = Assert.ThrowsAsync<FieldAccessDeniedException>(() => fx.Engine.ActAsync(
            new TaskActionRequest(task.Id, "approve", "bob")
            {
                FormChanges = new JsonObject { ["amount"] = 90, ["discount"] = 5 },
            },
            CancellationToken.None));
        Assert.That(denied!.Message, Is.EqualTo(
            "Field 'amount' is readonly at node 'approve' and cannot be changed; submit it unchanged or leave it out. " +
            "Editable here: discount."));
        Assert.That(denied.FieldId, Is.EqualTo("amount"));

        await fx.Engine.ActAsync(
            new TaskActionRequest(task.Id, "approve", "bob")
            {
                FormChanges = new JsonObject { ["amount"] = 100, ["discount"] = 5 },
            },
            CancellationToken.None);
        var form = (await fx.InstanceAsync(instance.Id)).Instance.Form;
        Assert.That(form["discount"]!.GetValue<int>(), Is.EqualTo(5));
    }

    [Test]
    public async Task TaskView_HiddenFields_Stripped()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(new FlowBuilder("perm")
            .Start()
            .Approval("approve", ApprovalModes.Single, ["bob"], node => node.FieldPermissions = new()
            {
                ["cost"] = new FieldPermission { Access = FieldPermission.Hidden },
                ["note"] = new FieldPermission { Access = FieldPermission.Editable },
            })
            .End()
            .Chain("start", "approve", "end"));
        var instance = await fx.StartAsync("perm", form: """{"amount": 100, "cost": 60, "note": ""}""");
        var task = await fx.TaskAssignedToAsync(instance.Id, "approve", "bob");

        var view = await fx.Engine.GetTaskViewAsync(task.Id, "bob", CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(view.Form.ContainsKey("cost"), Is.False);
            Assert.That(view.Form["amount"]!.GetValue<int>(), Is.EqualTo(100));
            Assert.That(view.FieldAccess.ContainsKey("cost"), Is.False);
            Assert.That(view.FieldAccess["note"], Is.EqualTo(FieldPermission.Editable));
            Assert.That(view.FieldAccess["amount"], Is.EqualTo(FieldPermission.ReadOnly));
            Assert.That(view.Actions, Does.Contain("approve").And.Contain("comment"));
        });
        Assert.ThrowsAsync<UnauthorizedAccessException>(() => fx.Engine.GetTaskViewAsync(task.Id, "carol", CancellationToken.None));
    }

    [Test]
    public async Task SubTable_AddRowsFalse_RejectsRow()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(new FlowBuilder("rows")
            .Start()
            .Approval("approve", ApprovalModes.Single, ["bob"], node => node.FieldPermissions = new()
            {
                ["lines"] = new FieldPermission { Access = FieldPermission.Editable, AddRows = false },
            })
            .End()
            .Chain("start", "approve", "end"));
        var instance = await fx.StartAsync("rows", form: """{"lines": [{"sku": "A", "qty": 1}]}""");
        var task = await fx.TaskAssignedToAsync(instance.Id, "approve", "bob");

        var denied = Assert.ThrowsAsync<FieldAccessDeniedException>(() => fx.Engine.ActAsync(
            new TaskActionRequest(task.Id, "approve", "bob")
            {
                FormChanges = JsonNode.Parse("""{"lines": [{"sku": "A", "qty": 2}, {"sku": "B", "qty": 1}]}""")!.AsObject(),
            },
            CancellationToken.None));

        Assert.That(denied!.Message, Does.StartWith("Sub-table 'lines' does not allow adding rows at node 'approve'"));
        Assert.That(denied.ChineseMessage, Is.EqualTo(
            "子表 “lines” 在节点 “approve” 不允许添加行；请原样提交或不提交该字段。此节点可编辑的字段：lines。"));
    }

    [Test]
    public async Task CarbonCopy_NotifiesRecipient_TaskStaysOpen()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(ThreeSteps());
        var instance = await fx.StartAsync("order");
        var draft = await fx.TaskAssignedToAsync(instance.Id, "draft", "alice");

        await fx.Engine.ActAsync(
            new TaskActionRequest(draft.Id, TaskActions.CarbonCopy, "alice") { TargetUserId = "grace", Comment = "FYI" },
            CancellationToken.None);

        var copy = (await fx.Engine.GetNotificationsAsync("grace", unreadOnly: true, CancellationToken.None)).Single();
        var audit = (await fx.Engine.GetHistoryAsync(instance.Id, CancellationToken.None)).Single(entry => entry.Action == "task.cc");
        Assert.Multiple(async () =>
        {
            Assert.That(copy.Kind, Is.EqualTo(NotificationKinds.CarbonCopy));
            Assert.That((copy.InstanceId, copy.NodeId, copy.TaskId), Is.EqualTo((instance.Id, "draft", draft.Id)));
            Assert.That(audit.Actor, Is.EqualTo("alice"));
            Assert.That(audit.Comment, Is.EqualTo("FYI"));
            Assert.That(audit.Details?["to"]?.GetValue<string>(), Is.EqualTo("grace"));
            Assert.That((await fx.OpenTasksAsync(instance.Id)).Select(task => task.Id), Is.EqualTo(new[] { draft.Id }));
        });
        var unknown = Assert.ThrowsAsync<TaskActionException>(() => fx.Engine.ActAsync(
            new TaskActionRequest(draft.Id, TaskActions.CarbonCopy, "alice") { TargetUserId = "nobody" },
            CancellationToken.None));
        Assert.That(unknown!.Message, Does.Contain("\"nobody\" is not in the organisation directory"));
    }

    [Test]
    public async Task Actions_Listed_OnlyThose()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(new FlowBuilder("listed")
            .Start()
            .Approval("approve", ApprovalModes.Sequential, ["bob", "carol"], node =>
                node.Actions = [TaskActions.Approve, TaskActions.AddSignerAfter, "urge"])
            .End()
            .Chain("start", "approve", "end"));
        var instance = await fx.StartAsync("listed");
        var bob = await fx.TaskAssignedToAsync(instance.Id, "approve", "bob");

        var view = await fx.Engine.GetTaskViewAsync(bob.Id, "bob", CancellationToken.None);
        var before = Assert.ThrowsAsync<TaskActionException>(() => fx.Engine.ActAsync(
            new TaskActionRequest(bob.Id, TaskActions.AddSigner, "bob") { TargetUserId = "grace", SignerPosition = "before" },
            CancellationToken.None));
        var copy = Assert.ThrowsAsync<TaskActionException>(() => fx.Engine.ActAsync(
            new TaskActionRequest(bob.Id, TaskActions.CarbonCopy, "bob") { TargetUserId = "grace" },
            CancellationToken.None));
        await fx.Engine.ActAsync(
            new TaskActionRequest(bob.Id, TaskActions.AddSigner, "bob") { TargetUserId = "grace", SignerPosition = "after" },
            CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(view.Actions, Is.EqualTo(new[] { "approve", "addSignerAfter", "comment" }));
            Assert.That(before!.Message, Is.EqualTo(
                "Action \"addSigner\" with signerPosition \"before\" (addSignerBefore) is not offered at node 'approve'; " +
                "offered: approve, addSignerAfter, comment."));
            Assert.That(copy!.Message, Does.Contain("\"cc\" is not offered"));
        });
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "approve", "bob"), "approve");
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "approve", "grace"), "approve");
    }

    [Test]
    public async Task Actions_NotListed_TypeDefaults()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(ThreeSteps());
        var instance = await fx.StartAsync("order");
        var draft = await fx.TaskAssignedToAsync(instance.Id, "draft", "alice");

        var view = await fx.Engine.GetTaskViewAsync(draft.Id, "alice", CancellationToken.None);

        Assert.That(view.Actions, Is.EqualTo(new[]
        {
            "submit", "return", "transfer", "addSignerBefore", "addSignerAfter", "cc", "comment",
        }));
    }

    [Test]
    public async Task CarbonCopyView_HiddenAtNode_Omitted()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(new FlowBuilder("copied")
            .Start()
            .Approval("approve", ApprovalModes.Single, ["bob"], node => node.FieldPermissions = new()
            {
                ["cost"] = new FieldPermission { Access = FieldPermission.Hidden },
                ["lines.price"] = new FieldPermission { Access = FieldPermission.Hidden },
            })
            .End()
            .Chain("start", "approve", "end"));
        var instance = await fx.StartAsync(
            "copied", form: """{"amount": 100, "cost": 60, "lines": [{"sku": "A", "price": 9.5}]}""");
        var task = await fx.TaskAssignedToAsync(instance.Id, "approve", "bob");
        Assert.That(await fx.Engine.GetCarbonCopyViewAsync(instance.Id, "grace", CancellationToken.None), Is.Null);

        await fx.Engine.ActAsync(
            new TaskActionRequest(task.Id, TaskActions.CarbonCopy, "bob") { TargetUserId = "grace" }, CancellationToken.None);

        var seen = await fx.Engine.GetCarbonCopyViewAsync(instance.Id, "grace", CancellationToken.None);
        Assert.That(seen?.ToJsonString(), Is.EqualTo("""{"amount":100,"lines":[{"sku":"A"}]}"""));
    }

    [Test]
    public async Task CarbonCopiedInstances_ManyNewerNotifications_StillListed()
    {
        // The 205 urges of one task need no pause between them.
        await using var fx = await EngineFixture.CreateAsync(configure: fixture => fixture.Options.UrgeInterval = TimeSpan.Zero);
        fx.Publish(ThreeSteps());
        var copied = await fx.StartAsync("order");
        await fx.Engine.ActAsync(
            new TaskActionRequest((await fx.TaskAssignedToAsync(copied.Id, "draft", "alice")).Id, TaskActions.CarbonCopy, "alice")
            {
                TargetUserId = "dave",
            },
            CancellationToken.None);
        var urged = await fx.StartAsync("order");
        await fx.ActAsync(await fx.TaskAssignedToAsync(urged.Id, "draft", "alice"), "submit");
        for (var i = 0; i < 205; i++)
        {
            await fx.Engine.UrgeAsync(urged.Id, "alice", null, CancellationToken.None);
        }

        var ids = await fx.Engine.GetCarbonCopiedInstanceIdsAsync("dave", 500, CancellationToken.None);

        Assert.That(ids, Is.EqualTo(new[] { copied.Id }));
    }

    [Test]
    public async Task Urge_NotInitiator_Refused()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(ThreeSteps());
        var instance = await fx.StartAsync("order");

        var denied = Assert.ThrowsAsync<UnauthorizedAccessException>(
            () => fx.Engine.UrgeAsync(instance.Id, "dave", null, CancellationToken.None));

        Assert.That(denied!.Message, Does.StartWith("Only the initiator (alice) may urge instance"));
    }

    [Test]
    public async Task CarbonCopy_Self_Refused()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(ThreeSteps());
        var instance = await fx.StartAsync("order");
        var draft = await fx.TaskAssignedToAsync(instance.Id, "draft", "alice");

        var rejection = Assert.ThrowsAsync<TaskActionException>(() => fx.Engine.ActAsync(
            new TaskActionRequest(draft.Id, TaskActions.CarbonCopy, "alice") { TargetUserId = "alice" }, CancellationToken.None));

        Assert.That(rejection!.Message, Does.StartWith("alice cannot copy themselves"));
    }
}
