using WorkflowKit.Definitions.Flows;
using WorkflowKit.Runtime.Audit;
using WorkflowKit.Runtime.Notifications;
using WorkflowKit.Runtime.Tasks;

namespace WorkflowKit.Runtime.Tests.Timers;

/// <summary>Overdue escalation to a role with several members: every member gets the task, the first to act decides.</summary>
public sealed class EscalationTests
{
    private static FlowBuilder Flow(string mode, params string[] users) =>
        Flow(new DeadlineDefinition { Duration = "P1D" }, mode, users);

    private static FlowBuilder Flow(DeadlineDefinition deadline, string mode, params string[] users) => new FlowBuilder("sla")
        .Start()
        .Approval("approve", mode, users, node =>
        {
            node.Deadline = deadline;
            node.Overdue = new OverduePolicy
            {
                Action = "escalate",
                To = [new AssigneeRule { Type = AssigneeTypes.Role, Value = "credit-officer" }],
            };
        })
        .End()
        .Chain("start", "approve", "end");

    [Test]
    public async Task EscalateToRole_GivesEveryMemberTask()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(Flow(ApprovalModes.Single, "bob"));
        var instance = await fx.StartAsync("sla");

        await fx.AdvanceAsync(TimeSpan.FromDays(1));

        await fx.TaskAssignedToAsync(instance.Id, "approve", "erin");
        await fx.TaskAssignedToAsync(instance.Id, "approve", "frank");
        var history = await fx.Engine.GetHistoryAsync(instance.Id, CancellationToken.None);
        var escalated = history.Single(entry => entry.Action == AuditActions.TaskEscalated);
        Assert.That(escalated.Details!["from"]!.GetValue<string>(), Is.EqualTo("bob"));
        Assert.That(escalated.Details["to"]!.AsArray().Select(user => user!.GetValue<string>()),
            Is.EqualTo(new[] { "erin", "frank" }));
        foreach (var user in new[] { "erin", "frank" })
        {
            var notes = await fx.Engine.GetNotificationsAsync(user, unreadOnly: false, CancellationToken.None);
            Assert.That(notes.Count(note => note.Kind == NotificationKinds.Overdue), Is.EqualTo(1), user);
        }
    }

    [Test]
    public async Task EscalatedPeer_ActsFirst_SettlesGroup()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(Flow(ApprovalModes.Single, "bob"));
        var instance = await fx.StartAsync("sla");
        await fx.AdvanceAsync(TimeSpan.FromDays(1));

        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "approve", "frank"), "approve");

        await fx.InstanceEndedWithAsync(instance.Id, "end");
        var tasks = (await fx.InstanceAsync(instance.Id)).Tasks;
        var erin = tasks.Single(task => task.Assignee == "erin");
        Assert.That((erin.Status, erin.Outcome), Is.EqualTo((TaskStatuses.Cancelled, (string?)"peerDecided")));
        await fx.NodeCompletedAsync(instance.Id, "approve");
    }

    [Test]
    public async Task EscalatedCountersign_EachGroupCountsOnce()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(Flow(ApprovalModes.Countersign, "bob", "carol"));
        var instance = await fx.StartAsync("sla");
        await fx.AdvanceAsync(TimeSpan.FromDays(1));
        var open = await fx.OpenTasksAsync(instance.Id);
        Assert.That(open.Select(task => task.Assignee).Order(), Is.EqualTo(new[] { "erin", "erin", "frank", "frank" }));

        // Frank settles the group of one escalated task; the other group is still open.
        await fx.ActAsync(open.First(task => task.Assignee == "frank"), "approve");
        var left = await fx.OpenTasksAsync(instance.Id);
        Assert.That(left, Has.Count.EqualTo(2));
        await fx.InstanceRunningAsync(instance.Id);

        await fx.ActAsync(left.First(task => task.Assignee == "erin"), "approve");

        await fx.InstanceEndedWithAsync(instance.Id, "end");
        await fx.NodeCompletedAsync(instance.Id, "approve");
    }

    [Test]
    public async Task EscalatedGroup_Reject_RejectsCountersign()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(Flow(ApprovalModes.Countersign, "bob", "carol"));
        var instance = await fx.StartAsync("sla");
        await fx.AdvanceAsync(TimeSpan.FromDays(1));
        var open = await fx.OpenTasksAsync(instance.Id);

        await fx.ActAsync(open.First(task => task.Assignee == "frank"), "reject");

        var detail = await fx.InstanceAsync(instance.Id);
        Assert.That(detail.Instance.Status, Is.EqualTo(InstanceStatuses.Rejected));
        await fx.NoOpenTasksAsync(instance.Id);
    }

    [Test]
    public async Task EscalatedPeer_AddsBefore_GroupDeferredAndBack()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(Flow(ApprovalModes.Single, "bob"));
        var instance = await fx.StartAsync("sla");
        await fx.AdvanceAsync(TimeSpan.FromDays(1));
        var frank = await fx.TaskAssignedToAsync(instance.Id, "approve", "frank");

        await fx.Engine.ActAsync(
            new TaskActionRequest(frank.Id, TaskActions.AddSigner, "frank") { TargetUserId = "grace", SignerPosition = "before" },
            CancellationToken.None);

        Assert.That((await fx.OpenTasksAsync(instance.Id)).Select(task => task.Assignee), Is.EqualTo(new[] { "grace" }));
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "approve", "grace"), "approve");
        var erin = await fx.TaskAssignedToAsync(instance.Id, "approve", "erin");
        var frankBack = await fx.TaskAssignedToAsync(instance.Id, "approve", "frank");
        Assert.That(frankBack.Id, Is.Not.EqualTo(frank.Id));
        await fx.InstanceRunningAsync(instance.Id);

        await fx.ActAsync(frankBack, "approve");

        await fx.InstanceEndedWithAsync(instance.Id, "end");
        var settled = (await fx.InstanceAsync(instance.Id)).Tasks.Single(task => task.Id == erin.Id);
        Assert.That((settled.Status, settled.Outcome), Is.EqualTo((TaskStatuses.Cancelled, (string?)"peerDecided")));
    }

    [Test]
    public async Task EscalatedCountersign_AddedBefore_GroupStillCountsOnce()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(Flow(ApprovalModes.Countersign, "bob", "carol"));
        var instance = await fx.StartAsync("sla");
        await fx.AdvanceAsync(TimeSpan.FromDays(1));
        var open = await fx.OpenTasksAsync(instance.Id);
        var erin = open.First(task => task.Assignee == "erin");

        await fx.Engine.ActAsync(
            new TaskActionRequest(erin.Id, TaskActions.AddSigner, "erin") { TargetUserId = "grace", SignerPosition = "before" },
            CancellationToken.None);

        // Erin's whole group is set aside, and the other escalated group stays open.
        Assert.That((await fx.OpenTasksAsync(instance.Id)).Select(task => task.Assignee).Order(),
            Is.EqualTo(new[] { "erin", "frank", "grace" }));
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "approve", "grace"), "approve");
        var back = await fx.OpenTasksAsync(instance.Id);
        Assert.That(back.Select(task => task.Assignee).Order(), Is.EqualTo(new[] { "erin", "erin", "frank", "frank" }));
        Assert.That(back.Select(task => task.DueAt).Distinct().Count(), Is.EqualTo(1), "the escalated deadline is kept");

        await fx.ActAsync(back.First(task => task.Assignee == "frank"), "approve");
        Assert.That(await fx.OpenTasksAsync(instance.Id), Has.Count.EqualTo(2));
        await fx.ActAsync((await fx.OpenTasksAsync(instance.Id)).First(task => task.Assignee == "erin"), "approve");

        await fx.InstanceEndedWithAsync(instance.Id, "end");
    }

    [Test]
    public async Task Escalated_group_gets_new_deadline()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(Flow(ApprovalModes.Single, "bob"));
        var instance = await fx.StartAsync("sla");

        await fx.AdvanceAsync(TimeSpan.FromDays(1));

        var escalatedAt = EngineFixture.StartTime.AddDays(1);
        var open = await fx.OpenTasksAsync(instance.Id);
        Assert.That(open.Select(task => task.Assignee).Order(), Is.EqualTo(new[] { "erin", "frank" }));
        Assert.That(open.Select(task => task.DueAt), Is.All.EqualTo(escalatedAt.AddDays(1)));
        var history = await fx.Engine.GetHistoryAsync(instance.Id, CancellationToken.None);
        var escalated = history.Single(entry => entry.Action == AuditActions.TaskEscalated);
        Assert.That(escalated.Details!["dueAt"]!.GetValue<DateTimeOffset>(), Is.EqualTo(escalatedAt.AddDays(1)));
    }

    [Test]
    public async Task Escalated_workday_deadline_counts_working_time()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(Flow(new DeadlineDefinition { Duration = "PT8H", Unit = "workday" }, ApprovalModes.Single, "bob"));
        fx.Time.Advance(TimeSpan.FromHours(1));
        var instance = await fx.StartAsync("sla");

        // Monday 10:00 in Shanghai plus 8 working hours is due Monday 18:00, and the escalation there counts
        // 8 working hours again: Tuesday 09:00 to 17:00, not 02:00 as elapsed time would give.
        await fx.AdvanceAsync(TimeSpan.FromHours(8));

        var open = await fx.OpenTasksAsync(instance.Id);
        Assert.That(open.Select(task => task.Assignee).Order(), Is.EqualTo(new[] { "erin", "frank" }));
        Assert.That(open.Select(task => task.DueAt),
            Is.All.EqualTo(new DateTimeOffset(2025, 3, 4, 9, 0, 0, TimeSpan.Zero)));
    }

    [Test]
    public async Task Escalated_group_does_not_escalate_again()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(Flow(ApprovalModes.Single, "bob"));
        var instance = await fx.StartAsync("sla");

        await fx.AdvanceAsync(TimeSpan.FromDays(3));

        var history = await fx.Engine.GetHistoryAsync(instance.Id, CancellationToken.None);
        Assert.That(history.Count(entry => entry.Action == AuditActions.TaskEscalated), Is.EqualTo(1));
        Assert.That((await fx.OpenTasksAsync(instance.Id)).Select(task => task.Assignee).Order(),
            Is.EqualTo(new[] { "erin", "frank" }));
    }

    [Test]
    public async Task Former_assignee_notified_of_new_assignees()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(Flow(ApprovalModes.Single, "bob"));
        var instance = await fx.StartAsync("sla");

        await fx.AdvanceAsync(TimeSpan.FromDays(1));

        var notes = await fx.Engine.GetNotificationsAsync("bob", unreadOnly: false, CancellationToken.None);
        var notice = notes.Single(note => note.Kind == NotificationKinds.Escalated);
        Assert.That(notice.InstanceId, Is.EqualTo(instance.Id));
        Assert.That(notice.TaskId, Is.Null, "the task is no longer bob's to open");
        Assert.That(notice.Message!.Get("zh-CN"),
            Is.EqualTo("“approve”已过截止时间，系统已将此任务升级给 erin、frank，它已不在您的待办中。"));
        Assert.That(notice.Message.Get("en"), Is.EqualTo(
            "\"approve\" passed its deadline, so the system escalated the task to erin, frank. " +
            "It is no longer in your inbox."));
        foreach (var user in new[] { "erin", "frank" })
        {
            var theirs = await fx.Engine.GetNotificationsAsync(user, unreadOnly: false, CancellationToken.None);
            Assert.That(theirs.Count(note => note.Kind == NotificationKinds.Escalated), Is.Zero, user);
        }
    }

    [Test]
    public async Task Escalation_to_self_sends_no_notice()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(Flow(ApprovalModes.Single, "erin"));
        await fx.StartAsync("sla");

        await fx.AdvanceAsync(TimeSpan.FromDays(1));

        var notes = await fx.Engine.GetNotificationsAsync("erin", unreadOnly: false, CancellationToken.None);
        Assert.That(notes.Count(note => note.Kind == NotificationKinds.Escalated), Is.Zero);
    }
}
