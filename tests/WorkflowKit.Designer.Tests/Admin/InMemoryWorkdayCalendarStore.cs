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

    public (TimeOnly Start, TimeOnly End)? WorkingHours { get; private set; }

    public Task<IReadOnlySet<string>> ListLoadedHolidayVersionsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlySet<string>>(_versions.ToHashSet(StringComparer.Ordinal));

    public Task<int?> LoadHolidaysAsync(
        string version, IReadOnlyList<CalendarDay> days, string userId, CancellationToken cancellationToken)
    {
        if (!_versions.Add(version))
        {
            return Task.FromResult<int?>(null);
        }

        var added = days.Count(day => _days.TryAdd(day.Date, day));
        return Task.FromResult<int?>(added);
    }

    public Task<(TimeOnly Start, TimeOnly End)?> GetWorkingHoursAsync(CancellationToken cancellationToken) =>
        Task.FromResult(WorkingHours);

    public Task SaveWorkingHoursAsync(
        (TimeOnly Start, TimeOnly End) workingHours, string userId, CancellationToken cancellationToken)
    {
        WorkdayCalendar.RequireWorkingHours(workingHours);
        WorkingHours = workingHours;
        return Task.CompletedTask;
    }

    private readonly HashSet<string> _versions = new(StringComparer.Ordinal);
}
