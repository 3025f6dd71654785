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
    /// Share of the other periods whose first date sets how late in its period a first date usually falls.
    /// </summary>
    private const double UsualShare = 0.9;

    /// <summary>
    /// Returns the period of the first date when that period looks partial, or null. It does when the first date
    /// falls later in its period than the first dates of the other periods usually do: later than the first dates of
    /// <see cref="UsualShare"/> of them, counted in days from each period's start. So a daily file with sales from
    /// the 1st of every month but its first one drops that month. An order file with a few orders a month on
    /// scattered days keeps its first month when its first order is no later than those of the other months. A
    /// history of one period uses its start as the reference.
    /// </summary>
    public static PeriodRange? First(IReadOnlyList<SalesObservation> history, PeriodCalendar calendar)
    {
        var firstDate = history.Min(observation => observation.Date);
        var firstIndex = calendar.IndexOf(firstDate);
        var start = calendar.StartOf(firstIndex);
        var daysAfterStart = firstDate.DayNumber - start.DayNumber;
        var usual = UsualGap(history, calendar, firstIndex, period =>
            period.Min(observation => observation.Date).DayNumber - calendar.StartOf(period.Key).DayNumber);
        if (daysAfterStart <= usual || !IsFinerThanGrain(history, calendar))
        {
            return null;
        }

        return new PeriodRange(start, EndOf(calendar, firstIndex));
    }

    /// <summary>
    /// Returns the period of the last date when that period looks partial, or null: the mirror of
    /// <see cref="First"/>, with the days from each period's last date to the period's end.
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
        var daysBeforeEnd = periodEnd.DayNumber - lastDate.DayNumber;
        var usual = UsualGap(history, calendar, lastIndex, period =>
            EndOf(calendar, period.Key).DayNumber - period.Max(observation => observation.Date).DayNumber);
        if (daysBeforeEnd <= usual || !IsFinerThanGrain(history, calendar))
        {
            return null;
        }

        return new PeriodRange(calendar.StartOf(lastIndex), periodEnd);
    }

    /// <summary>
    /// Returns the largest gap in days, as <paramref name="gapOf"/> measures it per period, among the smallest
    /// <see cref="UsualShare"/> of the gaps of the periods other than <paramref name="excludedIndex"/>, or 0 when
    /// there are no other periods.
    /// </summary>
    private static int UsualGap(
        IReadOnlyList<SalesObservation> history,
        PeriodCalendar calendar,
        int excludedIndex,
        Func<IGrouping<int, SalesObservation>, int> gapOf)
    {
        var gaps = history
            .GroupBy(observation => calendar.IndexOf(observation.Date))
            .Where(period => period.Key != excludedIndex)
            .Select(gapOf)
            .Order()
            .ToList();
        if (gaps.Count == 0)
        {
            return 0;
        }

        var rank = (int)Math.Ceiling(UsualShare * gaps.Count);
        return gaps[rank - 1];
    }

    private static bool IsFinerThanGrain(IReadOnlyList<SalesObservation> history, PeriodCalendar calendar) =>
        history
            .GroupBy(observation => calendar.IndexOf(observation.Date))
            .Any(period => period.Select(observation => observation.Date).Distinct().Skip(1).Any());

    private static DateOnly EndOf(PeriodCalendar calendar, int index) =>
        index >= calendar.LastIndex ? DateOnly.MaxValue : calendar.StartOf(index + 1).AddDays(-1);
}
