using WorkflowKit.Definitions.Flows;
using WorkflowKit.Runtime.Audit;

namespace WorkflowKit.Runtime.Tests.Timers;

/// <summary>A scheduled flow's next runs and last run, and a run started by hand.</summary>
public sealed class ScheduleRunNowTests
{
    [Test]
    public async Task Status_lists_next_runs_in_flow_zone()
    {
        await using var fx = await EngineFixture.CreateAsync();
        await PublishWatchAsync(fx, "0 2 * * *");

        var status = await fx.Engine.GetSchedulesAsync("watch", 3, CancellationToken.None);

        var schedule = status.Schedules.Single();
        Assert.That(schedule.Id, Is.EqualTo("watch#1"));
        Assert.That(schedule.TimeZone, Is.EqualTo("Asia/Shanghai"));
        Assert.That(schedule.Description.Get("en"), Is.EqualTo("Every day at 02:00"));
        Assert.That(schedule.Description.Get("zh-CN"), Is.EqualTo("每天 02:00"));

        // The fixture starts at 2025-03-03 01:00 UTC, 09:00 in Shanghai, so 02:00 local is 18:00 UTC the day before.
        Assert.That(schedule.NextRuns, Is.EqualTo(new[]
        {
            new DateTimeOffset(2025, 3, 3, 18, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2025, 3, 4, 18, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2025, 3, 5, 18, 0, 0, TimeSpan.Zero),
        }));
        Assert.That(schedule.LastFiredAt, Is.Null);
        Assert.That(status.LastRun, Is.Null);
    }

    [Test]
    public async Task Run_now_starts_as_user_and_keeps_schedule()
    {
        await using var fx = await EngineFixture.CreateAsync();
        await PublishWatchAsync(fx, "0 2 * * *");
        var before = (await fx.Engine.GetSchedulesAsync("watch", 1, CancellationToken.None)).Schedules.Single();

        var started = await fx.Engine.RunScheduleNowAsync("watch", "carol", CancellationToken.None);

        var history = await fx.Engine.GetHistoryAsync(started.Id, CancellationToken.None);
        var status = await fx.Engine.GetSchedulesAsync("watch", 1, CancellationToken.None);
        Assert.That(started.TriggerKind, Is.EqualTo(TriggerKinds.Schedule));
        Assert.That(started.Initiator, Is.EqualTo("carol"));
        Assert.That((history[0].Action, history[0].Actor), Is.EqualTo((AuditActions.InstanceStarted, "carol")));
        Assert.That(history[0].Details!["runNow"]!.GetValue<bool>(), Is.True);
        Assert.That(status.Schedules.Single().NextRuns, Is.EqualTo(before.NextRuns));
        Assert.That(status.LastRun, Is.EqualTo(new Schedules.ScheduleRun(
            started.Id, fx.Time.GetUtcNow(), "carol", RunNow: true, InstanceStatuses.Completed, fx.Time.GetUtcNow(), 0)));
    }

    [Test]
    public async Task Last_run_reports_scheduled_incident()
    {
        await using var fx = await EngineFixture.CreateAsync();
        await PublishWatchAsync(fx, "0 2 * * *", script: "throw new Error('stock service down');");
        await fx.Engine.RunScheduleNowAsync("watch", "carol", CancellationToken.None);

        await fx.AdvanceAsync(TimeSpan.FromHours(17));

        var status = await fx.Engine.GetSchedulesAsync("watch", 1, CancellationToken.None);
        var lastRun = status.LastRun!;
        Assert.That((lastRun.StartedBy, lastRun.RunNow), Is.EqualTo(("system", false)));
        Assert.That((lastRun.Status, lastRun.OpenIncidents), Is.EqualTo((InstanceStatuses.Running, 1)));
        Assert.That(status.Schedules.Single().LastFiredAt, Is.EqualTo(new DateTimeOffset(2025, 3, 3, 18, 0, 0, TimeSpan.Zero)));
        Assert.That(status.Schedules.Single().NextRuns[0], Is.EqualTo(new DateTimeOffset(2025, 3, 4, 18, 0, 0, TimeSpan.Zero)));
    }

    [Test]
    public async Task Run_now_rejects_flow_without_schedule()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(new FlowBuilder("manual").Start().End().Chain("start", "end"));

        var error = Assert.ThrowsAsync<Schedules.ScheduleMissingException>(
            () => fx.Engine.RunScheduleNowAsync("manual", "carol", CancellationToken.None));

        Assert.That(error!.Message, Is.EqualTo(
            "Flow 'manual' version 1 has no schedule trigger, so it cannot run as a scheduled flow. Start it from its " +
            "form or the API instead."));
    }

    [Test]
    public async Task Run_now_rejects_unpublished_flow()
    {
        await using var fx = await EngineFixture.CreateAsync();

        Assert.ThrowsAsync<KeyNotFoundException>(
            () => fx.Engine.RunScheduleNowAsync("missing", "carol", CancellationToken.None));
    }

    /// <summary>Publishes "watch": an API trigger and then a schedule trigger in Asia/Shanghai, running one script.</summary>
    internal static async Task PublishWatchAsync(EngineFixture fx, string cron, string script = "vars.checked = true;")
    {
        var published = fx.Publish(new FlowBuilder("watch")
            .Configure(flow =>
            {
                flow.Triggers =
                [
                    new TriggerDefinition { Type = TriggerTypes.Api },
                    new TriggerDefinition { Type = TriggerTypes.Schedule, Cron = cron },
                ];
                flow.Settings = new FlowSettings { TimeZone = "Asia/Shanghai" };
            })
            .Start().Script("check", script).End().Chain("start", "check", "end"));
        await fx.Engine.SyncSchedulesAsync(published, CancellationToken.None);
    }
}
