namespace WorkflowKit.Runtime.Timers;

/// <summary>
/// Builds the calendar and its working hours from an <see cref="IWorkdayCalendarStore"/> and caches it. The node that
/// saves a change calls <see cref="Invalidate"/>, so it sees the change on its next step; other
/// nodes reload after <paramref name="maxAge"/>.
/// </summary>
/// <param name="store">The stored holidays and make-up workdays.</param>
/// <param name="time">The clock that ages the cache.</param>
/// <param name="maxAge">How long a loaded calendar is used before it is read again.</param>
/// <param name="workingHours">
/// Start and end of each workday's working time until an administrator saves others in the store; 09:00 to 18:00 when
/// null.
/// </param>
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

    /// <summary>Start and end of each workday's working time when the store has none saved.</summary>
    public (TimeOnly Start, TimeOnly End) DefaultWorkingHours { get; } =
        workingHours ?? WorkdayCalendar.DefaultWorkingHours;

    /// <summary>Returns the working hours saved in the store, or <see cref="DefaultWorkingHours"/>.</summary>
    public async Task<(TimeOnly Start, TimeOnly End)> GetWorkingHoursAsync(CancellationToken cancellationToken) =>
        await store.GetWorkingHoursAsync(cancellationToken).ConfigureAwait(false) ?? DefaultWorkingHours;

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
        var hours = await GetWorkingHoursAsync(cancellationToken).ConfigureAwait(false);
        var calendar = new WorkdayCalendar(
            holidays: days.Where(day => day.Kind == CalendarDayKind.Holiday).Select(day => day.Date),
            makeUpWorkdays: days.Where(day => day.Kind == CalendarDayKind.Workday).Select(day => day.Date),
            workingHours: hours);
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
