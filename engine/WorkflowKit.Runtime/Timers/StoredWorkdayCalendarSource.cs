namespace WorkflowKit.Runtime.Timers;

/// <summary>
/// Builds the calendar from an <see cref="IWorkdayCalendarStore"/> and caches it. The node that
/// saves a change calls <see cref="Invalidate"/>, so it sees the change on its next step; other
/// nodes reload after <paramref name="maxAge"/>.
/// </summary>
/// <param name="store">The stored holidays and make-up workdays.</param>
/// <param name="time">The clock that ages the cache.</param>
/// <param name="maxAge">How long a loaded calendar is used before it is read again.</param>
public sealed class StoredWorkdayCalendarSource(IWorkdayCalendarStore store, TimeProvider time, TimeSpan maxAge)
    : IWorkdayCalendarSource
{
    private readonly Lock _gate = new();
    private (WorkdayCalendar Calendar, DateTimeOffset LoadedAt)? _cached;

    /// <summary>A source that reloads the store at most once a minute.</summary>
    public StoredWorkdayCalendarSource(IWorkdayCalendarStore store, TimeProvider time)
        : this(store, time, TimeSpan.FromMinutes(1))
    {
    }

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
            makeUpWorkdays: days.Where(day => day.Kind == CalendarDayKind.Workday).Select(day => day.Date));
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
