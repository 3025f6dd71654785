namespace WorkflowKit.Forecasting.Internal;

/// <summary>First and last day of one period at the grain of a <see cref="PeriodCalendar"/>.</summary>
internal readonly record struct PeriodRange(DateOnly Start, DateOnly End);

/// <summary>
/// Finds the first and last periods of a history that its dates cover only in part, for example a week of which
/// only the Thursday to Sunday are in the file. A period counts as partial only when the history is finer than the
/// grain (some period has sales on two or more dates). A file with one date per period, such as monthly totals dated
/// on the last day of the month, shows nothing about which days a period covers.
/// </summary>
internal static class PartialPeriods
{
    /// <summary>
    /// Returns the period of the first date when that date falls after the start of its period, or null.
    /// </summary>
    public static PeriodRange? First(IReadOnlyList<SalesObservation> history, PeriodCalendar calendar)
    {
        var firstDate = history.Min(observation => observation.Date);
        var firstIndex = calendar.IndexOf(firstDate);
        var start = calendar.StartOf(firstIndex);
        if (firstDate <= start || !IsFinerThanGrain(history, calendar))
        {
            return null;
        }

        return new PeriodRange(start, EndOf(calendar, firstIndex));
    }

    /// <summary>
    /// Returns the period of the last date when that date falls before the end of its period, or null.
    /// </summary>
    public static PeriodRange? Last(IReadOnlyList<SalesObservation> history, PeriodCalendar calendar)
    {
        var lastDate = history.Max(observation => observation.Date);
        var lastIndex = calendar.IndexOf(lastDate);
        if (lastIndex >= calendar.LastIndex)
        {
            return null;
        }

        var periodEnd = EndOf(calendar, lastIndex);
        if (lastDate >= periodEnd || !IsFinerThanGrain(history, calendar))
        {
            return null;
        }

        return new PeriodRange(calendar.StartOf(lastIndex), periodEnd);
    }

    private static bool IsFinerThanGrain(IReadOnlyList<SalesObservation> history, PeriodCalendar calendar) =>
        history
            .GroupBy(observation => calendar.IndexOf(observation.Date))
            .Any(period => period.Select(observation => observation.Date).Distinct().Skip(1).Any());

    private static DateOnly EndOf(PeriodCalendar calendar, int index) =>
        index >= calendar.LastIndex ? DateOnly.MaxValue : calendar.StartOf(index + 1).AddDays(-1);
}
