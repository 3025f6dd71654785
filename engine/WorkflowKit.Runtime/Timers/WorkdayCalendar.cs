using System.Globalization;

namespace WorkflowKit.Runtime.Timers;

/// <summary>
/// Which dates are workdays: every day except weekend days and public holidays, plus make-up
/// workdays (调休) that fall on a weekend. Dates are local dates in the tenant's time zone.
/// </summary>
public sealed class WorkdayCalendar
{
    private readonly HashSet<DayOfWeek> _weekend;
    private readonly HashSet<DateOnly> _holidays;
    private readonly HashSet<DateOnly> _makeUpWorkdays;

    public WorkdayCalendar(
        IEnumerable<DayOfWeek>? weekend = null,
        IEnumerable<DateOnly>? holidays = null,
        IEnumerable<DateOnly>? makeUpWorkdays = null)
    {
        _weekend = [.. weekend ?? [DayOfWeek.Saturday, DayOfWeek.Sunday]];
        _holidays = [.. holidays ?? []];
        _makeUpWorkdays = [.. makeUpWorkdays ?? []];
        var both = _holidays.Intersect(_makeUpWorkdays).Order().ToList();
        if (both.Count > 0)
        {
            throw new ArgumentException(
                "A date cannot be both a holiday and a make-up workday: " +
                $"{string.Join(", ", both.Select(date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))}.",
                nameof(makeUpWorkdays));
        }
    }

    /// <summary>Saturday and Sunday off, no holidays.</summary>
    public static WorkdayCalendar Weekends { get; } = new();

    public IReadOnlySet<DateOnly> Holidays => _holidays;

    public IReadOnlySet<DateOnly> MakeUpWorkdays => _makeUpWorkdays;

    public bool IsWorkday(DateOnly date) =>
        _makeUpWorkdays.Contains(date) || (!_weekend.Contains(date.DayOfWeek) && !_holidays.Contains(date));

    /// <summary>
    /// Moves <paramref name="days"/> workdays forward from a local time, keeping the time of day:
    /// Friday 18:00 plus one workday is Monday 18:00. Days that are not workdays are not counted;
    /// zero days from a non-workday moves to the next workday.
    /// </summary>
    public DateTime AddWorkdays(DateTime local, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var date = DateOnly.FromDateTime(local);
        var remaining = days;
        while (remaining > 0 || !IsWorkday(date))
        {
            date = date.AddDays(1);
            if (IsWorkday(date))
            {
                remaining--;
            }
        }

        return date.ToDateTime(TimeOnly.FromDateTime(local), local.Kind);
    }

    /// <summary>
    /// Mainland China 2025 as announced by the State Council: the holidays and the weekend days
    /// worked in exchange.
    /// </summary>
    public static WorkdayCalendar ChinaMainland2025() => new(
        holidays:
        [
            new(2025, 1, 1),
            .. Range(new DateOnly(2025, 1, 28), new DateOnly(2025, 2, 4)),
            .. Range(new DateOnly(2025, 4, 4), new DateOnly(2025, 4, 6)),
            .. Range(new DateOnly(2025, 5, 1), new DateOnly(2025, 5, 5)),
            .. Range(new DateOnly(2025, 5, 31), new DateOnly(2025, 6, 2)),
            .. Range(new DateOnly(2025, 10, 1), new DateOnly(2025, 10, 8)),
        ],
        makeUpWorkdays:
        [
            new(2025, 1, 26), new(2025, 2, 8), new(2025, 4, 27), new(2025, 9, 28), new(2025, 10, 11),
        ]);

    private static IEnumerable<DateOnly> Range(DateOnly first, DateOnly last)
    {
        for (var date = first; date <= last; date = date.AddDays(1))
        {
            yield return date;
        }
    }
}
