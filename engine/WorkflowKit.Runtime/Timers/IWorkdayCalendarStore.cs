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

    /// <summary>Lists the holiday file versions that <see cref="LoadHolidaysAsync"/> recorded.</summary>
    Task<IReadOnlySet<string>> ListLoadedHolidayVersionsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Records <paramref name="version"/> of a holiday file and stores its <paramref name="days"/>, in one transaction.
    /// A date the store already has keeps its stored day. Returns the number of days stored, or null when the version
    /// was already recorded. Then nothing is written, so of several nodes starting at once only one loads it.
    /// </summary>
    Task<int?> LoadHolidaysAsync(
        string version, IReadOnlyList<CalendarDay> days, string userId, CancellationToken cancellationToken);

    /// <summary>Returns the working hours an administrator saved, or null when none were saved.</summary>
    Task<(TimeOnly Start, TimeOnly End)?> GetWorkingHoursAsync(CancellationToken cancellationToken);

    /// <summary>Stores the start and end of each workday's working time.</summary>
    /// <exception cref="ArgumentException">The end is not after the start.</exception>
    Task SaveWorkingHoursAsync(
        (TimeOnly Start, TimeOnly End) workingHours, string userId, CancellationToken cancellationToken);
}
