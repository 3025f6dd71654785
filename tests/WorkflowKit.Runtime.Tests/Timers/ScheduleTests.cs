using System.Globalization;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Runtime.Instances;

namespace WorkflowKit.Runtime.Tests.Timers;

public sealed class ScheduleTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    [TestCase("2025-03-27", "2025-04-02", TestName = "DailyCron_Berlin_SpringForward")]
    [TestCase("2025-10-23", "2025-10-29", TestName = "DailyCron_Berlin_FallBack")]
    public async Task DailyCron_AcrossDst_OncePerDay(string from, string to)
    {
        var first = DateOnly.Parse(from, CultureInfo.InvariantCulture);
        var last = DateOnly.Parse(to, CultureInfo.InvariantCulture);
        await using var fx = await EngineFixture.CreateAsync();
        fx.Time.SetUtcNow(new DateTimeOffset(first.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero));
        var published = fx.Publish(new FlowBuilder("nightly")
            .Configure(flow =>
            {
                flow.Triggers = [new TriggerDefinition { Type = TriggerTypes.Schedule, Cron = "0 2 * * *" }];
                flow.Settings = new FlowSettings { TimeZone = "Europe/Berlin" };
            })
            .Start().End().Chain("start", "end"));
        await fx.Engine.SyncSchedulesAsync(published, CancellationToken.None);

        var stop = new DateTimeOffset(last.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
        while (fx.Time.GetUtcNow() < stop)
        {
            await fx.AdvanceAsync(TimeSpan.FromMinutes(20));
        }

        var fired = await ScheduledTimesAsync(fx);
        var expected = Enumerable.Range(1, last.DayNumber - first.DayNumber)
            .Select(offset => ExpectedFiring(first.AddDays(offset)))
            .ToList();
        Assert.That(fired, Is.EqualTo(expected));
    }

    /// <summary>02:00 Berlin time, or 03:00 on the day the clocks skip from 02:00 to 03:00.</summary>
    private static DateTimeOffset ExpectedFiring(DateOnly day)
    {
        var local = day.ToDateTime(new TimeOnly(2, 0));
        if (Berlin.IsInvalidTime(local))
        {
            local = day.ToDateTime(new TimeOnly(3, 0));
        }

        var offset = Berlin.IsAmbiguousTime(local) ? Berlin.GetAmbiguousTimeOffsets(local).Max() : Berlin.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    private static async Task<List<DateTimeOffset>> ScheduledTimesAsync(EngineFixture fx)
    {
        var instances = await fx.Engine.QueryInstancesAsync(
            new InstanceQuery { FlowKey = "nightly", Limit = 100 }, CancellationToken.None);
        var times = new List<DateTimeOffset>();
        foreach (var instance in instances)
        {
            Assert.That(instance.TriggerKind, Is.EqualTo(TriggerKinds.Schedule));
            var history = await fx.Engine.GetHistoryAsync(instance.Id, CancellationToken.None);
            times.Add(DateTimeOffset.Parse(
                history[0].Details!["scheduledFor"]!.GetValue<string>(), CultureInfo.InvariantCulture));
        }

        return [.. times.Order()];
    }

    [Test]
    public async Task Schedule_TwoRunners_FiresOnce()
    {
        await using var fx = await EngineFixture.CreateAsync();
        var published = fx.Publish(new FlowBuilder("hourly")
            .Configure(flow => flow.Triggers = [new TriggerDefinition { Type = TriggerTypes.Schedule, Cron = "0 * * * *" }])
            .Start().End().Chain("start", "end"));
        await fx.Engine.SyncSchedulesAsync(published, CancellationToken.None);

        fx.Time.Advance(TimeSpan.FromMinutes(61));
        var second = fx.Restart();
        var first = fx.Restart();
        await Task.WhenAll(first.RunDueWorkAsync(CancellationToken.None), second.RunDueWorkAsync(CancellationToken.None));
        await fx.RunDueWorkAsync();

        var instances = await fx.Engine.QueryInstancesAsync(new InstanceQuery { FlowKey = "hourly" }, CancellationToken.None);
        Assert.That(instances, Has.Count.EqualTo(1));
    }

    [Test]
    public void Cron_Malformed_Rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => _ = new Schedules.CronSchedule("every day", Berlin));

        Assert.That(error!.Message, Does.StartWith(
            "Expected a five-field cron expression such as \"0 2 * * *\" (minute hour day month weekday), got \"every day\""));
    }
}
