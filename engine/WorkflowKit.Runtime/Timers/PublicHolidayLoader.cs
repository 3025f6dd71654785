using System.Globalization;
using System.Security.Cryptography;
using System.Text;

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

    /// <summary>
    /// Loads each year of a holiday file shipped with the product that the store has not loaded yet, and records the
    /// year's version (file name, year and a hash of its days). A version is loaded once: a day an administrator
    /// deleted afterwards stays deleted, and only a new year, or a year whose notice the file corrects, is loaded on a
    /// later start. A date the store already has keeps its stored day.
    /// </summary>
    /// <param name="store">The tenant's calendar store.</param>
    /// <param name="schedule">The parsed file.</param>
    /// <param name="fileName">The file's name, part of each recorded version.</param>
    /// <param name="userId">The user recorded as the author of the stored days.</param>
    /// <param name="cancellationToken">Cancels the load between years.</param>
    /// <returns>The years loaded by this call, each with the number of days stored.</returns>
    public static async Task<IReadOnlyList<(int Year, int Added)>> LoadNewVersionsAsync(
        IWorkdayCalendarStore store, PublicHolidaySchedule schedule, string fileName, string userId,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        var loaded = await store.ListLoadedHolidayVersionsAsync(cancellationToken).ConfigureAwait(false);
        var stored = (await store.ListAllDaysAsync(cancellationToken).ConfigureAwait(false))
            .ToDictionary(day => day.Date, day => day.Kind);
        var result = new List<(int Year, int Added)>();
        foreach (var year in schedule.Years)
        {
            var version = Version(fileName, year);
            if (loaded.Contains(version))
            {
                continue;
            }

            // Installs set up before versions were recorded loaded the file on their first start. A year of which
            // the store contains at least half of the days, each as the file has it, counts as loaded then. So the
            // days an administrator deleted since stay deleted.
            // NOTE: the half is a judgement call; a year an administrator entered mostly by hand is also skipped.
            var yearPrefix = $"{fileName}/{year.Year}/";
            var matching = year.Days.Count(day => stored.TryGetValue(day.Date, out var kind) && kind == day.Kind);
            var loadedBefore = !loaded.Any(known => known.StartsWith(yearPrefix, StringComparison.Ordinal))
                && year.Days.Count > 0 && matching * 2 >= year.Days.Count;
            var added = await store.LoadHolidaysAsync(version, loadedBefore ? [] : year.Days, userId, cancellationToken)
                .ConfigureAwait(false);
            if (added is { } count && !loadedBefore)
            {
                result.Add((year.Year, count));
            }
        }

        return result;
    }

    /// <summary>Returns the recorded version of one year of a holiday file: file name, year and a hash of its days.</summary>
    public static string Version(string fileName, PublicHolidayYear year)
    {
        ArgumentNullException.ThrowIfNull(year);
        var text = string.Join('\n', year.Days.Select(day =>
            $"{day.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} {CalendarDayKinds.ToText(day.Kind)} {day.Name}"));
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..12];
        return $"{fileName}/{year.Year}/{hash}";
    }
}
