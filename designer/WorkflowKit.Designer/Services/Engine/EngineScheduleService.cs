using WorkflowKit.Designer.Accounts;
using WorkflowKit.Runtime;

namespace WorkflowKit.Designer.Services.Engine;

/// <summary>
/// Reads and runs scheduled flows through <see cref="WorkflowEngine"/>. The last run is described as
/// <see cref="IWorkService.GetInstanceAsync"/> describes instances, so its state reads as on the instance page. The
/// engine logs each run now with the flow, the instance and the user.
/// </summary>
public sealed class EngineScheduleService(
    WorkflowEngine engine, IWorkService work) : IScheduleService
{
    public async Task<FlowScheduleOverview> GetAsync(
        string flowKey, int runCount, UserContext user, CancellationToken cancellationToken)
    {
        RequireDesigner(user);
        Runtime.Schedules.FlowSchedules schedules;
        try
        {
            schedules = await engine.GetSchedulesAsync(flowKey, runCount, cancellationToken);
        }
        catch (KeyNotFoundException missing)
        {
            throw NotFoundException.FlowNotPublished(flowKey, missing);
        }

        var lastRun = schedules.LastRun is { } run
            ? (await work.GetInstanceAsync(run.InstanceId, user, cancellationToken))?.Summary
            : null;
        return new FlowScheduleOverview(
            schedules.FlowKey, schedules.FlowVersion, schedules.Schedules, lastRun, schedules.LastRun?.RunNow == true);
    }

    public async Task<InstanceSummary> RunNowAsync(string flowKey, UserContext user, CancellationToken cancellationToken)
    {
        RequireDesigner(user);
        Runtime.Instances.WorkflowInstance instance;
        try
        {
            instance = await engine.RunScheduleNowAsync(flowKey, user.Id, cancellationToken);
        }
        catch (KeyNotFoundException missing)
        {
            throw NotFoundException.FlowNotPublished(flowKey, missing);
        }

        var detail = await work.GetInstanceAsync(instance.Id, user, cancellationToken)
            ?? throw new NotFoundException($"Instance '{instance.Id}' of flow '{flowKey}' no longer exists.");
        return detail.Summary;
    }

    private static void RequireDesigner(UserContext user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.CanDesign)
        {
            throw new AccessDeniedException(
                $"Only administrators and process owners may read and run scheduled flows; {user.Id} is neither.");
        }
    }
}
