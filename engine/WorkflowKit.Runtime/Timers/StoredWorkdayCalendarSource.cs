namespace WorkflowKit.Runtime.Timers;

/// <summary>
/// Builds the calendar from an <see cref="IWorkdayCalendarStore"/> and caches it. The node that
/// saves a change calls <see cref="Invalidate"/>, so it sees the change on its next step; other
/// nodes reload after <paramref name="maxAge"/>.
/// </summary>
/// <param name="store">The stored holidays and make-up workdays.</param>
/// <param name="time">The clock that ages the cache.</param>
/// <param name="maxAge">How long a loaded calendar is used before it is read again.</param>
/// <param name="workingHours">Start and end of each workday's working time; 09:00 to 18:00 when null.</param>
public sealed class StoredWorkdayCalendarSource(
    IWorkdayCalendarStore store, TimeProvider time, TimeSpan maxAge, (TimeOnly Start, TimeOnly End)? workingHours = null)
    : IWorkdayCalendarSource
{
    private readonly Lock _gate = new();
    private (WorkdayCalendar Calendar, DateTimeOffset LoadedAt)? _cached;

    /// <summary>A source that reloads the store at most once a minute.</summary>
    public StoredWorkdayCalendarSource(
        IWorkdayCalendarStore store, TimeProvider time, (TimeOnly Start, TimeOnly End)? workingHours = null)
        : this(store, time, TimeSpan.FromMinutes(1), workingHours)
    {
    }

    /// <summary>Start and end of each workday's working time.</summary>
    public (TimeOnly Start, TimeOnly End) WorkingHours { get; } = workingHours ?? WorkdayCalendar.DefaultWorkingHours;

    public async ValueTask<WorkdayCalendar> GetCalendarAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (_cached is { } cached && now - cached.LoadedAt < maxAge)
            {
                return cached.Calendar;
            }
        }

        var days = await store.ListAllDaysAsync(cancellationToken).ConfigureAwait(false);
        var calendar = new WorkdayCalendar(
            holidays: days.Where(day => day.Kind == CalendarDayKind.Holiday).Select(day => day.Date),
            makeUpWorkdays: days.Where(day => day.Kind == CalendarDayKind.Workday).Select(day => day.Date),
            workingHours: workingHours);
        lock (_gate)
        {
            _cached = (calendar, now);
        }

        return calendar;
    }

    /// <summary>Drops the cached calendar, so the next step reads the store.</summary>
    public void Invalidate()
    {
        lock (_gate)
        {
            _cached = null;
        }
    }
}
