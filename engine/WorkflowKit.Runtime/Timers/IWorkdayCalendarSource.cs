namespace WorkflowKit.Runtime.Timers;

/// <summary>
/// Supplies the workday calendar the engine uses for deadlines in workday units. The engine asks
/// once per step, so an implementation should cache.
/// </summary>
public interface IWorkdayCalendarSource
{
    ValueTask<WorkdayCalendar> GetCalendarAsync(CancellationToken cancellationToken);
}
