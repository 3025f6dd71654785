using System.Globalization;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Runtime.Definitions;
using WorkflowKit.Runtime.Diagnostics;
using WorkflowKit.Runtime.Execution;
using WorkflowKit.Runtime.Schedules;
using WorkflowKit.Runtime.Storage;

namespace WorkflowKit.Runtime;

/// <summary>Schedule triggers and the background round.</summary>
public sealed partial class WorkflowEngine
{
    /// <summary>
    /// Registers the schedule triggers of a published flow (call after publishing). Cron runs in
    /// the flow's time zone, else the tenant's; a trigger whose cron and zone did not change keeps
    /// its next due time.
    /// </summary>
    public async Task SyncSchedulesAsync(PublishedFlow flow, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(flow);
        var zone = Options.ResolveZone(flow.Flow.Settings?.TimeZone);
        var now = _services.Time.GetUtcNow();
        var schedules = new List<ScheduleRecord>();
        var triggers = flow.Flow.Triggers ?? [];
        for (var index = 0; index < triggers.Count; index++)
        {
            if (triggers[index] is not { Type: TriggerTypes.Schedule, Cron: { } cron })
            {
                continue;
            }

            var next = new CronSchedule(cron, zone).NextAfter(now);
            if (next is not null)
            {
                schedules.Add(new ScheduleRecord
                {
                    Id = $"{flow.Key}#{index.ToString(CultureInfo.InvariantCulture)}",
                    FlowKey = flow.Key,
                    Cron = cron,
                    TimeZone = zone.Id,
                    NextDueAt = next.Value,
                });
            }
        }

        await _services.Store.ReplaceSchedulesAsync(flow.Key, schedules, cancellationToken).ConfigureAwait(false);
        WakeUp();
    }

    /// <summary>
    /// Runs the work that is due now: schedule triggers, timers, then outbox deliveries, one batch
    /// of each. Returns how many items it handled; call again while it returns more than zero.
    /// The hosted service calls this in a loop.
    /// </summary>
    public async Task<int> RunDueWorkAsync(CancellationToken cancellationToken)
    {
        var handled = await RunSchedulesAsync(cancellationToken).ConfigureAwait(false);
        handled += await RunTimersAsync(cancellationToken).ConfigureAwait(false);
        handled += await RunOutboxAsync(cancellationToken).ConfigureAwait(false);
        return handled;
    }

    private async Task<int> RunSchedulesAsync(CancellationToken cancellationToken)
    {
        var now = _services.Time.GetUtcNow();
        var due = await _services.Store.GetDueSchedulesAsync(now, cancellationToken).ConfigureAwait(false);
        foreach (var schedule in due)
        {
            try
            {
                await FireScheduleAsync(schedule, now, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                RuntimeLog.ScheduleFailed(_services.Logger, exception, schedule.Id);
            }
        }

        return due.Count;
    }

    private async Task FireScheduleAsync(ScheduleRecord schedule, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var zone = Options.ResolveZone(schedule.TimeZone);
        var next = new CronSchedule(schedule.Cron, zone).NextAfter(now < schedule.NextDueAt ? schedule.NextDueAt : now)
            ?? DateTimeOffset.MaxValue;
        var graph = await _services.GraphAsync(schedule.FlowKey, null, cancellationToken).ConfigureAwait(false);
        var scheduledFor = schedule.NextDueAt.ToString("O", CultureInfo.InvariantCulture);
        StepContext started;
        try
        {
            started = await CommitAsync(
            "start",
            async unit =>
            {
                var transaction = await unit.WriteAsync(cancellationToken).ConfigureAwait(false);
                var moved = await _services.Store.AdvanceScheduleAsync(
                    transaction, schedule.Id, schedule.NextDueAt, next, now, cancellationToken).ConfigureAwait(false);
                if (!moved)
                {
                    throw new OperationCanceledException("The schedule was fired by another runner.");
                }

                var context = await NewInstanceAsync(
                    unit, graph, Options.SystemUserId, TriggerKinds.Schedule, null,
                    null, $"schedule:{schedule.Id}:{scheduledFor}", null, cancellationToken).ConfigureAwait(false);
                context.Audit[0].Details!["scheduledFor"] = scheduledFor;
                await _runner.RunAsync(context, cancellationToken).ConfigureAwait(false);
                return context;
            },
            cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return;
        }

        RuntimeLog.ScheduleFired(_services.Logger, schedule.Id, started.Instance.Id, next);
    }
}
