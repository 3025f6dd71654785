namespace WorkflowKit.Runtime.Timers;

/// <summary>Copies the days of a <see cref="PublicHolidaySchedule"/> into the tenant's calendar store.</summary>
public static class PublicHolidayLoader
{
    /// <summary>
    /// Stores the holidays and make-up workdays of the given years. A date the store already has is
    /// left as it is, so an administrator's change survives a second load.
    /// </summary>
    /// <returns>How many days were stored.</returns>
    public static async Task<int> LoadAsync(
        IWorkdayCalendarStore store, IEnumerable<PublicHolidayYear> years, string userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(years);
        var stored = (await store.ListAllDaysAsync(cancellationToken).ConfigureAwait(false))
            .Select(day => day.Date).ToHashSet();
        var added = 0;
        foreach (var day in years.SelectMany(year => year.Days).Where(day => !stored.Contains(day.Date)))
        {
            await store.SaveDayAsync(day, userId, cancellationToken).ConfigureAwait(false);
            added++;
        }

        return added;
    }
}
