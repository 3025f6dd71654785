using WorkflowKit.Designer.Accounts;

namespace WorkflowKit.Designer.Services;

/// <summary>
/// Scheduled flows ("watches", such as batch-expiry-watch) for administrators and process owners: when each schedule
/// runs next and how the last run went, and starting a run now to try a change.
/// </summary>
public interface IScheduleService
{
    /// <summary>
    /// Reads the schedule triggers of the flow's latest published version with their next
    /// <paramref name="runCount"/> run times, and the newest run that a schedule or a person started.
    /// </summary>
    /// <exception cref="AccessDeniedException">The user is neither an administrator nor a process owner.</exception>
    /// <exception cref="NotFoundException">The flow is not published.</exception>
    Task<FlowScheduleOverview> GetAsync(
        string flowKey, int runCount, UserContext user, CancellationToken cancellationToken);

    /// <summary>
    /// Starts the flow's latest published version now, through the engine's scheduled start, as the user.
    /// </summary>
    /// <exception cref="AccessDeniedException">The user is neither an administrator nor a process owner.</exception>
    /// <exception cref="NotFoundException">The flow is not published.</exception>
    /// <exception cref="Runtime.Schedules.ScheduleMissingException">
    /// The flow's latest version has no schedule trigger.
    /// </exception>
    Task<InstanceSummary> RunNowAsync(string flowKey, UserContext user, CancellationToken cancellationToken);
}
