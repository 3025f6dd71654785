namespace WorkflowKit.Runtime.Timers;

/// <summary>
/// The holidays and make-up workdays an administrator maintains, one row per date. Dates not
/// stored follow the weekend rule of <see cref="WorkdayCalendar"/>.
/// </summary>
public interface IWorkdayCalendarStore
{
    /// <summary>Lists the stored days from <paramref name="from"/> to <paramref name="to"/>, both included, by date.</summary>
    Task<IReadOnlyList<CalendarDay>> ListDaysAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken);

    /// <summary>Lists every stored day, by date.</summary>
    Task<IReadOnlyList<CalendarDay>> ListAllDaysAsync(CancellationToken cancellationToken);

    /// <summary>Stores a day, replacing what was stored for its date.</summary>
    Task SaveDayAsync(CalendarDay day, string userId, CancellationToken cancellationToken);

    /// <summary>Removes the stored day of a date, so it follows the weekend rule again; no error when none is stored.</summary>
    Task RemoveDayAsync(DateOnly date, CancellationToken cancellationToken);
}
