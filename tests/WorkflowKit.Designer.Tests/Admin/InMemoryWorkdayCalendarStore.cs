using WorkflowKit.Runtime.Timers;

namespace WorkflowKit.Designer.Tests.Admin;

/// <summary>A workday calendar store in memory, for component tests.</summary>
internal sealed class InMemoryWorkdayCalendarStore : IWorkdayCalendarStore
{
    private readonly SortedDictionary<DateOnly, CalendarDay> _days = [];

    public IReadOnlyCollection<CalendarDay> Days => _days.Values;

    public Task<IReadOnlyList<CalendarDay>> ListDaysAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<CalendarDay>>([.. _days.Values.Where(day => day.Date >= from && day.Date <= to)]);

    public Task<IReadOnlyList<CalendarDay>> ListAllDaysAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<CalendarDay>>([.. _days.Values]);

    public Task SaveDayAsync(CalendarDay day, string userId, CancellationToken cancellationToken)
    {
        _days[day.Date] = day;
        return Task.CompletedTask;
    }

    public Task RemoveDayAsync(DateOnly date, CancellationToken cancellationToken)
    {
        _days.Remove(date);
        return Task.CompletedTask;
    }
}
