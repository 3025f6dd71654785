using WorkflowKit.Definitions.Flows;
using WorkflowKit.Runtime.Audit;
using WorkflowKit.Runtime.Migration;
using WorkflowKit.Runtime.Storage;
using WorkflowKit.Runtime.Tasks;

namespace WorkflowKit.Runtime.Tests.Migration;

public sealed class MigrationTests
{
    private static readonly Dictionary<string, string> NoMapping = [];

    private static FlowBuilder ReviewV1() =>
        new FlowBuilder("credit").Start().Approval("review", "bob").End().Chain("start", "review", "end");

    private static FlowBuilder ReviewThenSecond(string review = "review") =>
        new FlowBuilder("credit").Start().Approval(review, "bob").Approval("second", "dave").End()
            .Chain("start", review, "second", "end");

    [Test]
    public async Task WaitingApproval_AddedLaterNode_ReachesIt()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(ReviewV1());
        var instance = await fx.StartAsync("credit");
        var before = await fx.TaskAssignedToAsync(instance.Id, "review", "bob");
        await fx.ActAsync(before, TaskActions.Comment, comment: "checking the limit");
        fx.Publish(ReviewThenSecond());

        var plan = await fx.Engine.PlanMigrationAsync(instance.Id, 2, NoMapping, CancellationToken.None);
        var migrated = await fx.Engine.MigrateInstanceAsync(plan, "admin", CancellationToken.None);

        Assert.That(plan.Problems, Is.Empty);
        Assert.That(plan.Items.Select(item => $"{item.Kind} {item.SourceNodeId}>{item.TargetNodeId} {item.Detail}"),
            Is.EqualTo(new[] { "token review>review task", "task review>review bob" }));
        Assert.That(migrated.FlowVersion, Is.EqualTo(2));
        var after = await fx.TaskAssignedToAsync(instance.Id, "review", "bob");
        Assert.That(after.Id, Is.EqualTo(before.Id));
        Assert.That(after.FlowVersion, Is.EqualTo(2));
        var history = await fx.Engine.GetHistoryAsync(instance.Id, CancellationToken.None);
        Assert.That(history.Where(entry => entry.TaskId == before.Id).Select(entry => entry.Comment),
            Does.Contain("checking the limit"));

        await fx.ActAsync(after, TaskActions.Approve);
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "second", "dave"), TaskActions.Approve);
        await fx.InstanceEndedWithAsync(instance.Id, "end");
        await fx.NodeCompletedAsync(instance.Id, "review");
    }

    [Test]
    public async Task RenamedNode_WithMapping_Moves()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(ReviewV1());
        var instance = await fx.StartAsync("credit");
        var task = await fx.TaskAssignedToAsync(instance.Id, "review", "bob");
        fx.Publish(new FlowBuilder("credit").Start().Approval("credit-check", "bob").End()
            .Edge("credit-check", "end", when: "nodes['credit-check'].outcome === 'approved'")
            .Chain("start", "credit-check"));
        var mapping = new Dictionary<string, string> { ["review"] = "credit-check" };

        var plan = await fx.Engine.PlanMigrationAsync(instance.Id, 2, mapping, CancellationToken.None);
        await fx.Engine.MigrateInstanceAsync(plan, "admin", CancellationToken.None);

        Assert.That(plan.Problems, Is.Empty);
        Assert.That(plan.Items.Select(item => item.TargetNodeId), Is.EqualTo(new[] { "credit-check", "credit-check" }));
        var moved = await fx.TaskAssignedToAsync(instance.Id, "credit-check", "bob");
        Assert.That(moved.Id, Is.EqualTo(task.Id));
        await fx.ActAsync(moved, TaskActions.Approve);
        await fx.InstanceEndedWithAsync(instance.Id, "end");
    }

    [Test]
    public async Task MissingNode_Blocked_InstanceUntouched()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(ReviewV1());
        var instance = await fx.StartAsync("credit");
        fx.Publish(ReviewThenSecond(review: "credit-check"));
        var before = await fx.InstanceAsync(instance.Id);

        var plan = await fx.Engine.PlanMigrationAsync(instance.Id, 2, NoMapping, CancellationToken.None);
        var blocked = Assert.ThrowsAsync<MigrationBlockedException>(
            () => fx.Engine.MigrateInstanceAsync(plan, "admin", CancellationToken.None));

        Assert.That(plan.Problems.Select(problem => problem.Code), Is.EqualTo(new[] { MigrationProblemCodes.NodeMissing }));
        Assert.That(plan.Problems[0].Message, Is.EqualTo(
            $"Node 'review' has a live token or open task of instance {instance.Id}, but version 2 has no node " +
            "'review'; map it to a node of that version (review=NEW_ID)."));
        Assert.That(blocked!.Plan, Is.SameAs(plan));
        await AssertUntouchedAsync(fx, before);
    }

    [Test]
    public async Task MappingToUnknownNode_Blocked()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(ReviewV1());
        var instance = await fx.StartAsync("credit");
        fx.Publish(ReviewThenSecond(review: "credit-check"));

        var plan = await fx.Engine.PlanMigrationAsync(
            instance.Id, 2, new Dictionary<string, string> { ["review"] = "credit-chek" }, CancellationToken.None);

        Assert.That(plan.Problems.Select(problem => problem.Code), Is.EqualTo(new[] { MigrationProblemCodes.InvalidMapping }));
        Assert.That(plan.Problems[0].Message, Is.EqualTo(
            "Mapping review=credit-chek: version 2 has no node 'credit-chek'; map to a node id of the target version."));
        Assert.That(plan.Items[0].TargetNodeId, Is.Null);
    }

    [TestCase(NodeTypes.Script, TestName = "KindChanged_ApprovalToScript_Blocked")]
    [TestCase(NodeTypes.FillIn, TestName = "KindChanged_ApprovalToFillIn_Blocked")]
    public async Task KindChanged_Blocked(string newType)
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(ReviewV1());
        var instance = await fx.StartAsync("credit");
        fx.Publish(new FlowBuilder("credit").Start()
            .Node("review", newType, node =>
            {
                node.Script = "1";
                node.Assignees = [new AssigneeRule { Type = AssigneeTypes.User, Value = "bob" }];
            })
            .End().Chain("start", "review", "end"));
        var before = await fx.InstanceAsync(instance.Id);

        var plan = await fx.Engine.PlanMigrationAsync(instance.Id, 2, NoMapping, CancellationToken.None);

        Assert.That(plan.Problems.Select(problem => problem.Code),
            Is.EqualTo(new[] { MigrationProblemCodes.NodeKindChanged }));
        Assert.That(plan.Problems[0].NodeId, Is.EqualTo("review"));
        Assert.That(plan.Problems[0].Message, Is.EqualTo(
            $"Node 'review' of instance {instance.Id} is a approval node, but 'review' in version 2 is a {newType} " +
            "node; map it to a approval node or let the instance finish on its version."));
        Assert.ThrowsAsync<MigrationBlockedException>(
            () => fx.Engine.MigrateInstanceAsync(plan, "admin", CancellationToken.None));
        await AssertUntouchedAsync(fx, before);
    }

    [Test]
    public async Task FillInBecameApproval_Blocked()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(new FlowBuilder("credit").Start().FillIn("details", "bob").End().Chain("start", "details", "end"));
        var instance = await fx.StartAsync("credit");
        fx.Publish(new FlowBuilder("credit").Start().Approval("details", "bob").End().Chain("start", "details", "end"));

        var plan = await fx.Engine.PlanMigrationAsync(instance.Id, 2, NoMapping, CancellationToken.None);

        Assert.That(plan.Problems.Select(problem => $"{problem.Code} {problem.NodeId}"),
            Is.EqualTo(new[] { "nodeKindChanged details" }));
    }

    [Test]
    public async Task CompletedRecordNode_NotRunAgain()
    {
        await using var fx = await EngineFixture.CreateAsync();
        FlowBuilder Flow(bool second)
        {
            var flow = new FlowBuilder("order").Start()
                .Node("record", NodeTypes.CreateRecord, node =>
                {
                    node.Form = "orders";
                    node.Values = new() { ["amount"] = "form.amount" };
                })
                .Approval("review", "bob").End();
            return second
                ? flow.Approval("second", "dave").Chain("start", "record", "review", "second", "end")
                : flow.Chain("start", "record", "review", "end");
        }

        fx.Publish(Flow(second: false));
        var instance = await fx.StartAsync("order", form: """{"amount": 12}""");
        fx.Publish(Flow(second: true));

        var plan = await fx.Engine.PlanMigrationAsync(instance.Id, 2, NoMapping, CancellationToken.None);
        await fx.Engine.MigrateInstanceAsync(plan, "admin", CancellationToken.None);
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "review", "bob"), TaskActions.Approve);
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "second", "dave"), TaskActions.Approve);
        await fx.RunDueWorkAsync();

        await fx.InstanceEndedWithAsync(instance.Id, "end");
        Assert.That(await fx.Records.CountRecordsAsync("orders"), Is.EqualTo(1));
        Assert.That(await fx.Records.CountWritesAsync("create"), Is.EqualTo(1));
        await fx.NodeCompletedAsync(instance.Id, "record");
    }

    [Test]
    public async Task TaskCompletedAfterPlan_MigrationConflicts()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(ReviewThenSecond());
        var instance = await fx.StartAsync("credit");
        fx.Publish(ReviewThenSecond().Configure(flow => flow.Name = new WorkflowKit.Definitions.LocalizedText("credit v2")));
        var plan = await fx.Engine.PlanMigrationAsync(instance.Id, 2, NoMapping, CancellationToken.None);

        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "review", "bob"), TaskActions.Approve);
        var conflict = Assert.ThrowsAsync<ConcurrencyConflictException>(
            () => fx.Engine.MigrateInstanceAsync(plan, "admin", CancellationToken.None));

        Assert.That(conflict!.Message, Is.EqualTo(
            $"Instance {instance.Id} changed since its migration was planned (planned at version 1, now 2); " +
            "plan the migration again."));
        var detail = await fx.InstanceAsync(instance.Id);
        Assert.That(detail.Instance.FlowVersion, Is.EqualTo(1));
        await fx.TaskAssignedToAsync(instance.Id, "second", "dave");
    }

    [Test]
    public async Task MigrationThenStaleTaskAction_Conflicts()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(ReviewV1());
        var instance = await fx.StartAsync("credit");
        var opened = await fx.TaskAssignedToAsync(instance.Id, "review", "bob");
        fx.Publish(ReviewThenSecond());

        var plan = await fx.Engine.PlanMigrationAsync(instance.Id, 2, NoMapping, CancellationToken.None);
        await fx.Engine.MigrateInstanceAsync(plan, "admin", CancellationToken.None);
        var conflict = Assert.ThrowsAsync<ConcurrencyConflictException>(() => fx.Engine.ActAsync(
            new TaskActionRequest(opened.Id, TaskActions.Approve, "bob") { ExpectedVersion = opened.Version },
            CancellationToken.None));

        Assert.That(conflict!.Message, Is.EqualTo(
            $"Task {opened.Id} changed since you opened it (version 1, now 2); reload it."));
        await fx.TaskAssignedToAsync(instance.Id, "review", "bob");
    }

    [Test]
    public async Task ConcurrentCompleteAndMigrate_OneConflict()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(ReviewV1());
        var instances = new List<string>();
        for (var trial = 0; trial < 40; trial++)
        {
            instances.Add((await fx.StartAsync("credit")).Id);
        }

        fx.Publish(ReviewThenSecond());
        foreach (var instanceId in instances)
        {
            var task = await fx.TaskAssignedToAsync(instanceId, "review", "bob");
            var plan = await fx.Engine.PlanMigrationAsync(instanceId, 2, NoMapping, CancellationToken.None);
            using var gate = new Barrier(2);
            Task Approve() => Task.Run(async () =>
            {
                gate.SignalAndWait();
                await fx.Engine.ActAsync(
                    new TaskActionRequest(task.Id, TaskActions.Approve, "bob") { ExpectedVersion = task.Version },
                    CancellationToken.None);
            });
            Task Migrate() => Task.Run(async () =>
            {
                gate.SignalAndWait();
                await fx.Engine.MigrateInstanceAsync(plan, "admin", CancellationToken.None);
            });

            // Alternate which attempt starts first, so that either may win the race.
            Task approve;
            Task migrate;
            if (instances.IndexOf(instanceId) % 2 == 0)
            {
                approve = Approve();
                migrate = Migrate();
            }
            else
            {
                migrate = Migrate();
                approve = Approve();
            }
            var outcomes = new[] { await OutcomeAsync(approve), await OutcomeAsync(migrate) };

            Assert.That(outcomes.Order(), Is.EqualTo(new[] { "conflict", "ok" }), $"instance {instanceId}");
            var detail = await fx.InstanceAsync(instanceId);
            var expected = outcomes[0] == "ok" ? (Version: 1, Status: "completed") : (Version: 2, Status: "running");
            Assert.That((detail.Instance.FlowVersion, detail.Instance.Status), Is.EqualTo(expected), $"instance {instanceId}");
        }
    }

    [Test]
    public async Task DeadlineTimer_KeepsDueTime_DropsReminder()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(new FlowBuilder("credit").Start().Approval("review", ApprovalModes.Single, ["bob"], node =>
            {
                node.Deadline = new DeadlineDefinition { Duration = "PT8H" };
                node.Reminders = [new ReminderDefinition { Before = "PT2H" }];
            })
            .End().Chain("start", "review", "end"));
        var instance = await fx.StartAsync("credit");
        var task = await fx.TaskAssignedToAsync(instance.Id, "review", "bob");
        fx.Publish(new FlowBuilder("credit").Start().Approval("review", ApprovalModes.Single, ["bob"], node =>
            {
                node.Deadline = new DeadlineDefinition { Duration = "PT1H" };
                node.Overdue = new OverduePolicy { Action = "approve" };
            })
            .End().Chain("start", "review", "end"));
        fx.Time.Advance(TimeSpan.FromHours(1));

        var plan = await fx.Engine.PlanMigrationAsync(instance.Id, 2, NoMapping, CancellationToken.None);
        await fx.Engine.MigrateInstanceAsync(plan, "admin", CancellationToken.None);

        var timers = await fx.Store.GetTimersAsync(instance.Id, CancellationToken.None);
        Assert.That(timers.Select(timer => $"{timer.Kind} {timer.Status} {timer.DueAt:O}"), Is.EquivalentTo(new[]
        {
            $"{TimerKinds.Reminder} cancelled {EngineFixture.StartTime.AddHours(6):O}",
            $"{TimerKinds.Overdue} pending {EngineFixture.StartTime.AddHours(8):O}",
        }));
        var moved = await fx.TaskAssignedToAsync(instance.Id, "review", "bob");
        Assert.That(moved.DueAt, Is.EqualTo(task.DueAt));

        await fx.AdvanceAsync(TimeSpan.FromHours(6));
        await fx.InstanceRunningAsync(instance.Id);
        await fx.AdvanceAsync(TimeSpan.FromHours(1));
        await fx.InstanceEndedWithAsync(instance.Id, "end");
        var notes = await fx.Engine.GetNotificationsAsync("bob", unreadOnly: false, CancellationToken.None);
        Assert.That(notes.Count(note => note.Kind == Notifications.NotificationKinds.Reminder), Is.Zero);
    }

    [Test]
    public async Task DeadlineRemoved_CancelsTimers()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(new FlowBuilder("credit").Start().Approval("review", ApprovalModes.Single, ["bob"], node =>
            {
                node.Deadline = new DeadlineDefinition { Duration = "PT8H" };
                node.Overdue = new OverduePolicy { Action = "approve" };
            })
            .End().Chain("start", "review", "end"));
        var instance = await fx.StartAsync("credit");
        fx.Publish(ReviewV1());

        var plan = await fx.Engine.PlanMigrationAsync(instance.Id, 2, NoMapping, CancellationToken.None);
        await fx.Engine.MigrateInstanceAsync(plan, "admin", CancellationToken.None);
        await fx.AdvanceAsync(TimeSpan.FromHours(9));

        var timers = await fx.Store.GetTimersAsync(instance.Id, CancellationToken.None);
        Assert.That(timers.Select(timer => timer.Status), Is.EqualTo(new[] { TimerStatuses.Cancelled }));
        var task = await fx.TaskAssignedToAsync(instance.Id, "review", "bob");
        Assert.That(task.DueAt, Is.Null);
    }

    [Test]
    public async Task Migration_WritesAuditLine()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(ReviewV1());
        var instance = await fx.StartAsync("credit");
        fx.Publish(ReviewThenSecond(review: "credit-check"));
        var mapping = new Dictionary<string, string> { ["review"] = "credit-check" };

        var plan = await fx.Engine.PlanMigrationAsync(instance.Id, 2, mapping, CancellationToken.None);
        await fx.Engine.MigrateInstanceAsync(plan, "admin", CancellationToken.None);

        var history = await fx.Engine.GetHistoryAsync(instance.Id, CancellationToken.None);
        var line = history.Single(entry => entry.Action == AuditActions.InstanceMigrated);
        Assert.That(line.Actor, Is.EqualTo("admin"));
        Assert.That(line.Comment, Is.EqualTo("Migrated from version 1 to 2 by admin."));
        Assert.That(line.Details!["mapping"]!["review"]!.GetValue<string>(), Is.EqualTo("credit-check"));
        Assert.That(line.Details!["fromVersion"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(line.Details!["toVersion"]!.GetValue<int>(), Is.EqualTo(2));
    }

    [Test]
    public async Task WaitingJoin_BranchAddedToPassedSplit_NotAwaited()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(ParallelFlow(thirdBranch: false));
        var instance = await fx.StartAsync("parallel");
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "a", "bob"), TaskActions.Approve);
        fx.Publish(ParallelFlow(thirdBranch: true));

        var plan = await fx.Engine.PlanMigrationAsync(instance.Id, 2, NoMapping, CancellationToken.None);
        await fx.Engine.MigrateInstanceAsync(plan, "admin", CancellationToken.None);
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "b", "carol"), TaskActions.Approve);

        // The split ran on version 1, so the branch that version 2 adds to it never starts for this instance.
        Assert.That(plan.Problems, Is.Empty);
        await fx.InstanceEndedWithAsync(instance.Id, "end");
        await fx.NodeNotReachedAsync(instance.Id, "c");
    }

    [Test]
    public async Task WaitingJoin_SameEdges_FiresAfterMigration()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(ParallelFlow(thirdBranch: false));
        var instance = await fx.StartAsync("parallel");
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "a", "bob"), TaskActions.Approve);
        fx.Publish(ParallelFlow(thirdBranch: false).Approval("after", "dave").Configure(flow =>
        {
            flow.Edges.RemoveAll(edge => edge.From == "join");
        }).Chain("join", "after", "end"));

        var plan = await fx.Engine.PlanMigrationAsync(instance.Id, 2, NoMapping, CancellationToken.None);
        await fx.Engine.MigrateInstanceAsync(plan, "admin", CancellationToken.None);
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "b", "carol"), TaskActions.Approve);

        await fx.TaskAssignedToAsync(instance.Id, "after", "dave");
        await fx.NodeCompletedAsync(instance.Id, "a");
    }

    [Test]
    public async Task EndedInstance_Blocked()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(ReviewV1());
        var instance = await fx.StartAsync("credit");
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "review", "bob"), TaskActions.Approve);
        fx.Publish(ReviewThenSecond());

        var plan = await fx.Engine.PlanMigrationAsync(instance.Id, 2, NoMapping, CancellationToken.None);

        Assert.That(plan.Problems.Select(problem => problem.Code),
            Is.EqualTo(new[] { MigrationProblemCodes.InstanceNotRunning }));
        Assert.That(plan.Problems[0].Message, Is.EqualTo(
            $"Instance {instance.Id} is completed; only running instances can move to another version."));
    }

    [Test]
    public async Task UnpublishedTarget_Blocked()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(ReviewV1());
        var instance = await fx.StartAsync("credit");

        var plan = await fx.Engine.PlanMigrationAsync(instance.Id, 3, NoMapping, CancellationToken.None);
        var same = await fx.Engine.PlanMigrationAsync(instance.Id, 1, NoMapping, CancellationToken.None);

        Assert.That(plan.Problems.Select(problem => problem.Code),
            Is.EqualTo(new[] { MigrationProblemCodes.TargetNotPublished }));
        Assert.That(plan.Problems[0].Message, Is.EqualTo("Flow 'credit' has no published version 3; published: 1."));
        Assert.That(same.Problems.Select(problem => problem.Code), Is.EqualTo(new[] { MigrationProblemCodes.SameVersion }));
    }

    [Test]
    public async Task PlanOfOtherFlow_Blocked()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(ReviewV1());
        var instance = await fx.StartAsync("credit");
        fx.Publish(ReviewThenSecond());
        var before = await fx.InstanceAsync(instance.Id);
        var plan = await fx.Engine.PlanMigrationAsync(instance.Id, 2, NoMapping, CancellationToken.None);

        var blocked = Assert.ThrowsAsync<MigrationBlockedException>(
            () => fx.Engine.MigrateInstanceAsync(plan with { FlowKey = "leave" }, "admin", CancellationToken.None));

        Assert.That(blocked!.Plan!.Problems.Select(problem => problem.Code),
            Is.EqualTo(new[] { MigrationProblemCodes.OtherFlow }));
        await AssertUntouchedAsync(fx, before);
    }

    [Test]
    public async Task RenamedEarlierNode_ReturnReachesIt()
    {
        await using var fx = await EngineFixture.CreateAsync();
        FlowBuilder Flow(string details) => new FlowBuilder("credit").Start().FillIn(details, "alice")
            .Approval("review", "bob").End().Chain("start", details, "review", "end");
        fx.Publish(Flow("details"));
        var instance = await fx.StartAsync("credit");
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "details", "alice"), TaskActions.Submit);
        fx.Publish(Flow("application"));
        var mapping = new Dictionary<string, string> { ["details"] = "application" };

        var plan = await fx.Engine.PlanMigrationAsync(instance.Id, 2, mapping, CancellationToken.None);
        await fx.Engine.MigrateInstanceAsync(plan, "admin", CancellationToken.None);
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "review", "bob"), TaskActions.Return);

        await fx.TaskAssignedToAsync(instance.Id, "application", "alice");
    }

    [Test]
    public async Task RenamedNodeOutput_ReadByNewConditions()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(new FlowBuilder("credit").Start().Approval("check", "bob").Approval("review", "carol").End()
            .Chain("start", "check", "review", "end"));
        var instance = await fx.StartAsync("credit");
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "check", "bob"), TaskActions.Approve);
        fx.Publish(new FlowBuilder("credit").Start().Approval("credit-check", "bob").Approval("review", "carol")
            .End().End("unchecked")
            .Chain("start", "credit-check", "review")
            .Edge("review", "end", when: "nodes['credit-check'].outcome === 'approved'")
            .Edge("review", "unchecked", isDefault: true));
        var mapping = new Dictionary<string, string> { ["check"] = "credit-check" };

        var plan = await fx.Engine.PlanMigrationAsync(instance.Id, 2, mapping, CancellationToken.None);
        await fx.Engine.MigrateInstanceAsync(plan, "admin", CancellationToken.None);
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "review", "carol"), TaskActions.Approve);

        await fx.InstanceEndedWithAsync(instance.Id, "end");
    }

    [Test]
    public async Task RenamedSplit_JoinFiresOnce()
    {
        await using var fx = await EngineFixture.CreateAsync();
        FlowBuilder Flow(string split) => new FlowBuilder("parallel").Start()
            .Node(split, NodeTypes.ParallelSplit).Approval("a", "bob").Approval("b", "carol")
            .Node("join", NodeTypes.ParallelJoin).Approval("after", "dave").End()
            .Chain("start", split, "a", "join").Chain(split, "b", "join").Chain("join", "after", "end");
        fx.Publish(Flow("split"));
        var instance = await fx.StartAsync("parallel");
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "a", "bob"), TaskActions.Approve);
        fx.Publish(Flow("fork"));
        var mapping = new Dictionary<string, string> { ["split"] = "fork" };

        var plan = await fx.Engine.PlanMigrationAsync(instance.Id, 2, mapping, CancellationToken.None);
        await fx.Engine.MigrateInstanceAsync(plan, "admin", CancellationToken.None);
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "b", "carol"), TaskActions.Approve);

        Assert.That(plan.Problems, Is.Empty);
        await fx.TaskAssignedToAsync(instance.Id, "after", "dave");
        var detail = await fx.InstanceAsync(instance.Id);
        Assert.That(detail.Positions.Select(position => position.NodeId), Is.EqualTo(new[] { "after" }));
    }

    private static FlowBuilder ParallelFlow(bool thirdBranch)
    {
        var flow = new FlowBuilder("parallel").Start()
            .Node("split", NodeTypes.ParallelSplit).Approval("a", "bob").Approval("b", "carol")
            .Node("join", NodeTypes.ParallelJoin).End()
            .Chain("start", "split", "a", "join")
            .Chain("split", "b", "join");
        if (thirdBranch)
        {
            flow.Approval("c", "dave").Chain("split", "c", "join");
        }

        return flow.Chain("join", "end");
    }

    private static async Task AssertUntouchedAsync(EngineFixture fx, Instances.InstanceDetail before)
    {
        var after = await fx.InstanceAsync(before.Instance.Id);
        Assert.That(after.Instance.FlowVersion, Is.EqualTo(before.Instance.FlowVersion));
        Assert.That(after.Instance.Version, Is.EqualTo(before.Instance.Version));
        Assert.That(after.Positions.Select(position => position.NodeId), Is.EqualTo(before.Positions.Select(p => p.NodeId)));
        Assert.That(after.Tasks.Select(task => (task.NodeId, task.Version, task.FlowVersion)),
            Is.EqualTo(before.Tasks.Select(task => (task.NodeId, task.Version, task.FlowVersion))));
        var history = await fx.Engine.GetHistoryAsync(before.Instance.Id, CancellationToken.None);
        Assert.That(history.Select(entry => entry.Action), Does.Not.Contain(AuditActions.InstanceMigrated));
    }

    private static async Task<string> OutcomeAsync(Task attempt)
    {
        try
        {
            await attempt;
            return "ok";
        }
        catch (ConcurrencyConflictException)
        {
            return "conflict";
        }
    }
}
