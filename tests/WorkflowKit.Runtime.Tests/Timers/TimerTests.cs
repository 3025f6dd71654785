using System.Globalization;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Runtime.Notifications;
using WorkflowKit.Runtime.Timers;

namespace WorkflowKit.Runtime.Tests.Timers;

public sealed class TimerTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    [Test]
    public async Task TimerNode_Restart_FiresOnce()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(new FlowBuilder("wait")
            .Start().Node("pause", NodeTypes.Timer, node => node.Duration = "PT2H").Approval("after", "bob").End()
            .Chain("start", "pause", "after", "end"));
        var instance = await fx.StartAsync("wait");

        fx.Restart();
        await fx.AdvanceAsync(TimeSpan.FromMinutes(119));
        await fx.NoOpenTasksAsync(instance.Id);

        fx.Restart();
        await fx.AdvanceAsync(TimeSpan.FromMinutes(1));
        await fx.TaskAssignedToAsync(instance.Id, "after", "bob");
        await fx.AdvanceAsync(TimeSpan.FromHours(5));

        await fx.NodeCompletedAsync(instance.Id, "pause", 1);
        var timers = await fx.Engine.GetTimersAsync(instance.Id, CancellationToken.None);
        Assert.That(timers.Select(timer => timer.Status), Is.EqualTo(new[] { "fired" }));
    }

    [Test]
    public async Task TimerNode_UntilField_UsesTenantZone()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(new FlowBuilder("until")
            .Start().Node("pause", NodeTypes.Timer, node => node.UntilField = "shipDate").End()
            .Chain("start", "pause", "end"));
        var instance = await fx.StartAsync("until", form: """{"shipDate": "2025-03-05"}""");

        var timer = (await fx.Engine.GetTimersAsync(instance.Id, CancellationToken.None)).Single();

        var midnightShanghai = new DateTimeOffset(2025, 3, 5, 0, 0, 0, TimeSpan.FromHours(8));
        Assert.That(timer.DueAt, Is.EqualTo(midnightShanghai));
        await fx.AdvanceAsync(midnightShanghai - fx.Time.GetUtcNow());
        await fx.InstanceEndedWithAsync(instance.Id, "end");
    }

    [Test]
    public async Task Signal_TimerWait_EndsEarly()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(new FlowBuilder("signal")
            .Start().Node("arrival", NodeTypes.Timer, node => { node.Duration = "P7D"; node.ResultVariable = "arrival"; })
            .End()
            .Chain("start", "arrival", "end"));
        var instance = await fx.StartAsync("signal");

        await fx.Engine.SignalAsync(
            instance.Id, "arrival", System.Text.Json.Nodes.JsonNode.Parse("""{"dock": 3}"""), "carol", CancellationToken.None);

        await fx.InstanceEndedWithAsync(instance.Id, "end");
        var detail = await fx.InstanceAsync(instance.Id);
        Assert.That(detail.Instance.Variables["arrival"]!["dock"]!.GetValue<int>(), Is.EqualTo(3));
        var timers = await fx.Engine.GetTimersAsync(instance.Id, CancellationToken.None);
        Assert.That(timers.Select(timer => timer.Status), Is.EqualTo(new[] { "cancelled" }));
    }

    [Test]
    public async Task Deadline_Workdays_SkipsHolidays()
    {
        var holiday = new DateOnly(2025, 3, 10);
        await using var fx = await EngineFixture.CreateAsync(configure: fixture =>
            fixture.Options.Calendar = new WorkdayCalendar(holidays: [holiday]));
        fx.Publish(new FlowBuilder("sla")
            .Start()
            .Approval("approve", ApprovalModes.Single, ["bob"], node =>
                node.Deadline = new DeadlineDefinition { Duration = "P3D", Unit = DeadlineUnits.Workday })
            .End()
            .Chain("start", "approve", "end"));

        fx.Time.SetUtcNow(new DateTimeOffset(2025, 3, 6, 2, 0, 0, TimeSpan.Zero));
        var instance = await fx.StartAsync("sla");

        var task = await fx.TaskAssignedToAsync(instance.Id, "approve", "bob");
        var expected = new DateTimeOffset(2025, 3, 12, 10, 0, 0, TimeSpan.FromHours(8));
        Assert.That(task.DueAt, Is.EqualTo(expected), "Thu 10:00 + 3 workdays skipping Sat, Sun and Mon 10 March");
    }

    [Test]
    public async Task Deadline_WorkdayFromSunday_WaitsForMonday()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(new FlowBuilder("sla")
            .Start()
            .Approval("approve", ApprovalModes.Single, ["bob"], node =>
            {
                node.Deadline = new DeadlineDefinition { Duration = "P1D", Unit = DeadlineUnits.Workday };
                node.Reminders = [new ReminderDefinition { Before = "PT4H" }];
                node.Overdue = new OverduePolicy { Action = "approve" };
            })
            .End()
            .Chain("start", "approve", "end"));
        var shanghai = TimeSpan.FromHours(8);
        fx.Time.SetUtcNow(new DateTimeOffset(2025, 3, 9, 1, 36, 0, shanghai));
        var instance = await fx.StartAsync("sla");

        var task = await fx.TaskAssignedToAsync(instance.Id, "approve", "bob");
        var timers = await fx.Engine.GetTimersAsync(instance.Id, CancellationToken.None);
        Assert.That(task.DueAt, Is.EqualTo(new DateTimeOffset(2025, 3, 10, 18, 0, 0, shanghai)), "end of Monday's working time");
        Assert.That(timers.Where(timer => timer.Kind == "reminder").Select(timer => timer.DueAt),
            Is.EqualTo(new[] { new DateTimeOffset(2025, 3, 10, 14, 0, 0, shanghai) }), "4 working hours before the deadline");

        await fx.AdvanceAsync(new DateTimeOffset(2025, 3, 10, 13, 59, 0, shanghai) - fx.Time.GetUtcNow());
        var early = await fx.Engine.GetNotificationsAsync("bob", unreadOnly: true, CancellationToken.None);
        Assert.That(early.Count(note => note.Kind == NotificationKinds.Reminder), Is.Zero, "no reminder on Sunday night");
        await fx.InstanceRunningAsync(instance.Id);

        await fx.AdvanceAsync(TimeSpan.FromMinutes(1));
        var reminded = await fx.Engine.GetNotificationsAsync("bob", unreadOnly: true, CancellationToken.None);
        Assert.That(reminded.Count(note => note.Kind == NotificationKinds.Reminder), Is.EqualTo(1));

        await fx.AdvanceAsync(TimeSpan.FromHours(4));
        await fx.InstanceEndedWithAsync(instance.Id, "end");
    }

    [Test]
    public async Task Deadline_Reminder_ThenAutoApprove()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(new FlowBuilder("sla")
            .Start()
            .Approval("approve", ApprovalModes.Single, ["bob"], node =>
            {
                node.Deadline = new DeadlineDefinition { Duration = "PT8H" };
                node.Reminders = [new ReminderDefinition { Before = "PT2H" }];
                node.Overdue = new OverduePolicy { Action = "approve" };
            })
            .End()
            .Chain("start", "approve", "end"));
        var instance = await fx.StartAsync("sla");

        await fx.AdvanceAsync(TimeSpan.FromHours(6));
        var reminders = await fx.Engine.GetNotificationsAsync("bob", unreadOnly: true, CancellationToken.None);
        Assert.That(reminders.Count(note => note.Kind == NotificationKinds.Reminder), Is.EqualTo(1));
        await fx.InstanceRunningAsync(instance.Id);

        await fx.AdvanceAsync(TimeSpan.FromHours(2));

        await fx.InstanceEndedWithAsync(instance.Id, "end");
        var task = (await fx.InstanceAsync(instance.Id)).Tasks.Single();
        Assert.That((task.Outcome, task.CompletedBy), Is.EqualTo(("approved", (string?)"system")));
    }

    [Test]
    public async Task Overdue_Escalate_Reassigns()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(new FlowBuilder("sla")
            .Start()
            .Approval("approve", ApprovalModes.Single, ["bob"], node =>
            {
                node.Deadline = new DeadlineDefinition { Duration = "P1D" };
                node.Overdue = new OverduePolicy
                {
                    Action = "escalate",
                    To = [new AssigneeRule { Type = AssigneeTypes.DepartmentManager, Value = "sales" }],
                };
            })
            .End()
            .Chain("start", "approve", "end"));
        var instance = await fx.StartAsync("sla");

        await fx.AdvanceAsync(TimeSpan.FromDays(1));

        await fx.TaskAssignedToAsync(instance.Id, "approve", "dave");
    }

    [Test]
    public async Task Overdue_RemindEvery_Repeats()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(new FlowBuilder("sla")
            .Start()
            .Approval("approve", ApprovalModes.Single, ["bob"], node =>
            {
                node.Deadline = new DeadlineDefinition { Duration = "PT1H" };
                node.Overdue = new OverduePolicy { Action = "remind", Every = "PT1H" };
            })
            .End()
            .Chain("start", "approve", "end"));
        var instance = await fx.StartAsync("sla");

        for (var hour = 0; hour < 3; hour++)
        {
            await fx.AdvanceAsync(TimeSpan.FromHours(1));
        }

        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "approve", "bob"), "approve");
        await fx.AdvanceAsync(TimeSpan.FromHours(3));
        var overdue = (await fx.Engine.GetNotificationsAsync("bob", false, CancellationToken.None))
            .Count(note => note.Kind == NotificationKinds.Overdue);
        Assert.That(overdue, Is.EqualTo(3));
    }

    [Test]
    public async Task Deadline_DateField_EndOfDay()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(new FlowBuilder("sla")
            .Start()
            .Approval("approve", ApprovalModes.Single, ["bob"], node =>
                node.Deadline = new DeadlineDefinition { Field = "replyBy" })
            .End()
            .Chain("start", "approve", "end"));

        var instance = await fx.StartAsync("sla", form: """{"replyBy": "2025-03-20"}""");

        var task = await fx.TaskAssignedToAsync(instance.Id, "approve", "bob");
        var expected = TimeZoneInfo.ConvertTimeToUtc(
            DateTime.Parse("2025-03-21T00:00:00", CultureInfo.InvariantCulture), Shanghai);
        Assert.That(task.DueAt, Is.EqualTo(new DateTimeOffset(expected)));
    }
}
