using System.Globalization;
using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Runtime.Definitions;
using WorkflowKit.Runtime.Diagnostics;
using WorkflowKit.Runtime.Execution;
using WorkflowKit.Runtime.Graph;
using WorkflowKit.Runtime.Instances;
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
    /// Runs the work that is due now: schedule triggers, timers, outbox deliveries, one batch
    /// of each, then the open tasks of delegations that started. Returns how many items it handled; call again while it returns more than zero.
    /// The hosted service calls this in a loop.
    /// </summary>
    public async Task<int> RunDueWorkAsync(CancellationToken cancellationToken)
    {
        var handled = await RunSchedulesAsync(cancellationToken).ConfigureAwait(false);
        handled += await RunTimersAsync(cancellationToken).ConfigureAwait(false);
        handled += await RunOutboxAsync(cancellationToken).ConfigureAwait(false);
        handled += await MoveDelegatedTasksAsync(cancellationToken).ConfigureAwait(false);
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

                return await StartScheduledAsync(
                    unit, graph, Options.SystemUserId, $"schedule:{schedule.Id}:{scheduledFor}",
                    new JsonObject { ["scheduledFor"] = scheduledFor }, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return;
        }

        RuntimeLog.ScheduleFired(_services.Logger, schedule.Id, started.Instance.Id, next);
    }

    /// <summary>
    /// Starts a scheduled flow now, as <paramref name="userId"/>, on the flow's latest published version, so that a
    /// process owner can try a change without waiting for the schedule. The instance starts the way a scheduled run
    /// does (trigger kind <see cref="TriggerKinds.Schedule"/>, no form data) but with the user as its initiator, and
    /// its start line carries <c>"runNow": true</c>. The schedule's next run time does not change.
    /// </summary>
    /// <exception cref="KeyNotFoundException">The flow is not published.</exception>
    /// <exception cref="ScheduleMissingException">The flow's latest version has no schedule trigger.</exception>
    public async Task<WorkflowInstance> RunScheduleNowAsync(
        string flowKey, string userId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(flowKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        var graph = await _services.GraphAsync(flowKey, null, cancellationToken).ConfigureAwait(false);
        if (!(graph.Published.Flow.Triggers ?? []).Any(trigger => trigger.Type == TriggerTypes.Schedule))
        {
            throw new ScheduleMissingException(
                $"Flow '{flowKey}' version {graph.Published.Version} has no schedule trigger, so it cannot run as a " +
                "scheduled flow. Start it from its form or the API instead.")
            {
                FlowKey = flowKey,
            };
        }

        var started = await CommitAsync(
            "start",
            unit => StartScheduledAsync(
                unit, graph, userId, null, new JsonObject { ["runNow"] = true }, cancellationToken),
            cancellationToken).ConfigureAwait(false);
        RuntimeLog.ScheduleRunNow(_services.Logger, flowKey, started.Instance.Id, userId);
        return ToInstance(started.Instance, started.Vars);
    }

    /// <summary>
    /// Reads the schedule triggers of a flow's latest published version with their next
    /// <paramref name="runCount"/> run times, and the flow's newest scheduled or run-now instance.
    /// </summary>
    /// <exception cref="KeyNotFoundException">The flow is not published.</exception>
    public async Task<FlowSchedules> GetSchedulesAsync(string flowKey, int runCount, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(flowKey);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(runCount);
        var graph = await _services.GraphAsync(flowKey, null, cancellationToken).ConfigureAwait(false);
        var zone = Options.ResolveZone(graph.Published.Flow.Settings?.TimeZone);
        var stored = (await _services.Store.GetSchedulesAsync(flowKey, cancellationToken).ConfigureAwait(false))
            .ToDictionary(schedule => schedule.Id, StringComparer.Ordinal);
        var now = _services.Time.GetUtcNow();
        var schedules = new List<ScheduleStatus>();
        var triggers = graph.Published.Flow.Triggers ?? [];
        for (var index = 0; index < triggers.Count; index++)
        {
            if (triggers[index] is not { Type: TriggerTypes.Schedule, Cron: { } cron })
            {
                continue;
            }

            var id = $"{flowKey}#{index.ToString(CultureInfo.InvariantCulture)}";
            var row = stored.GetValueOrDefault(id);

            // The stored due time is the one that the background round fires. After a missed run it is in the past,
            // because the round fires it at once.
            var cronSchedule = new CronSchedule(cron, zone);
            var runs = new List<DateTimeOffset>();
            var next = row is { Enabled: true } && row.Cron == cron && row.TimeZone == zone.Id
                ? row.NextDueAt
                : cronSchedule.NextAfter(now);
            while (next is { } due && runs.Count < runCount)
            {
                runs.Add(due);
                next = cronSchedule.NextAfter(due);
            }

            schedules.Add(new ScheduleStatus(id, cron, zone.Id, CronDescription.Describe(cron), runs, row?.LastFiredAt));
        }

        return new FlowSchedules(
            flowKey, graph.Published.Version, schedules,
            await LastScheduledRunAsync(flowKey, cancellationToken).ConfigureAwait(false));
    }

    private async Task<ScheduleRun?> LastScheduledRunAsync(string flowKey, CancellationToken cancellationToken)
    {
        var latest = (await _services.Store.QueryInstancesAsync(
            new InstanceQuery { FlowKey = flowKey, TriggerKind = TriggerKinds.Schedule, Limit = 1 }, cancellationToken)
            .ConfigureAwait(false)).FirstOrDefault();
        if (latest is null)
        {
            return null;
        }

        var incidents = await _services.Store.GetIncidentsAsync(latest.Id, openOnly: true, cancellationToken)
            .ConfigureAwait(false);
        return new ScheduleRun(
            latest.Id, latest.StartedAt, latest.Initiator, latest.Initiator != Options.SystemUserId, latest.Status,
            latest.EndedAt, incidents.Count);
    }

    /// <summary>
    /// Starts an instance of a scheduled flow inside <paramref name="unit"/>, for a schedule firing and a run now
    /// alike, and runs it until every token waits. <paramref name="details"/> go on the start line.
    /// </summary>
    private async Task<StepContext> StartScheduledAsync(
        StepTransaction unit, FlowGraph graph, string initiator, string? idempotencyKey, JsonObject details,
        CancellationToken cancellationToken)
    {
        var context = await NewInstanceAsync(
            unit, graph, initiator, TriggerKinds.Schedule, null, null, idempotencyKey, null, cancellationToken)
            .ConfigureAwait(false);
        foreach (var (name, value) in details)
        {
            context.Audit[0].Details![name] = value?.DeepClone();
        }

        await _runner.RunAsync(context, cancellationToken).ConfigureAwait(false);
        return context;
    }
}
