using System.Globalization;

namespace WorkflowKit.Runtime.Timers;

/// <summary>
/// The workdays of a tenant and the working hours of each workday. A workday is every day except
/// weekend days and public holidays, plus make-up workdays (调休) that fall on a weekend. Dates and
/// times are local wall-clock values in the tenant's time zone.
/// </summary>
public sealed class WorkdayCalendar
{
    /// <summary>Working time of a workday when none is given: 09:00 to 18:00.</summary>
    public static readonly (TimeOnly Start, TimeOnly End) DefaultWorkingHours = (new(9, 0), new(18, 0));

    // A calendar whose weekend covers the whole week and which lists no make-up workday has no working
    // time at all, so a search for the next workday gives up after this many days.
    private const int MaxDaysWithoutWorkday = 366 * 2;

    private readonly HashSet<DayOfWeek> _weekend;
    private readonly HashSet<DateOnly> _holidays;
    private readonly HashSet<DateOnly> _makeUpWorkdays;

    /// <param name="weekend">Days of the week off; Saturday and Sunday when not given.</param>
    /// <param name="holidays">Dates off, even on a weekday.</param>
    /// <param name="makeUpWorkdays">Weekend dates worked in exchange for a holiday.</param>
    /// <param name="workingHours">Start and end of each workday's working time; 09:00 to 18:00 when not given.</param>
    /// <exception cref="ArgumentException">A date is both a holiday and a make-up workday, or the working hours end before they start.</exception>
    public WorkdayCalendar(
        IEnumerable<DayOfWeek>? weekend = null,
        IEnumerable<DateOnly>? holidays = null,
        IEnumerable<DateOnly>? makeUpWorkdays = null,
        (TimeOnly Start, TimeOnly End)? workingHours = null)
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

        (WorkStart, WorkEnd) = workingHours ?? DefaultWorkingHours;
        RequireWorkingHours((WorkStart, WorkEnd));
    }

    /// <summary>Throws when <paramref name="workingHours"/> does not end after it starts.</summary>
    /// <exception cref="ArgumentException">The end is not after the start.</exception>
    public static void RequireWorkingHours((TimeOnly Start, TimeOnly End) workingHours)
    {
        if (workingHours.End <= workingHours.Start)
        {
            throw new ArgumentException(
                $"Working hours must end after they start, got {workingHours.Start:HH\\:mm}-{workingHours.End:HH\\:mm}; " +
                "use a range such as 09:00-18:00.",
                nameof(workingHours));
        }
    }

    /// <summary>Saturday and Sunday off, no holidays, working time 09:00 to 18:00.</summary>
    public static WorkdayCalendar Weekends { get; } = new();

    public IReadOnlySet<DateOnly> Holidays => _holidays;

    public IReadOnlySet<DateOnly> MakeUpWorkdays => _makeUpWorkdays;

    /// <summary>Local time at which each workday's working time starts.</summary>
    public TimeOnly WorkStart { get; }

    /// <summary>Local time at which each workday's working time ends.</summary>
    public TimeOnly WorkEnd { get; }

    /// <summary>Working time of one workday, such as 9 hours for 09:00 to 18:00.</summary>
    public TimeSpan WorkdayLength => WorkEnd - WorkStart;

    public bool IsWorkday(DateOnly date) =>
        _makeUpWorkdays.Contains(date) || (!_weekend.Contains(date.DayOfWeek) && !_holidays.Contains(date));

    /// <summary>
    /// Moves forward by <paramref name="days"/> whole workdays and <paramref name="time"/> of working
    /// time. Counting starts at <paramref name="local"/> when it falls in working time, otherwise at
    /// the start of the next working time, so Sunday 01:36 plus one workday is Monday 18:00 and
    /// Monday 10:00 plus one workday is Tuesday 10:00. A result that uses up a workday exactly is that
    /// day's end (18:00), not the next workday's start.
    /// </summary>
    /// <exception cref="InvalidOperationException">The calendar has no workday within two years.</exception>
    public DateTime AddWorkingTime(DateTime local, int days, TimeSpan time)
    {
        var remaining = WorkingTime(days, time);
        var (date, timeOfDay) = ClampForward(local);
        while (remaining > WorkEnd - timeOfDay)
        {
            remaining -= WorkEnd - timeOfDay;
            date = NextWorkday(date);
            timeOfDay = WorkStart;
        }

        return date.ToDateTime(timeOfDay.Add(remaining), local.Kind);
    }

    /// <summary>
    /// Moves back by <paramref name="days"/> whole workdays and <paramref name="time"/> of working
    /// time, the reverse of <see cref="AddWorkingTime"/>: four working hours before Monday 10:00 is
    /// Friday 15:00. A time outside working time counts from the end of the previous working time.
    /// </summary>
    /// <exception cref="InvalidOperationException">The calendar has no workday within two years.</exception>
    public DateTime SubtractWorkingTime(DateTime local, int days, TimeSpan time)
    {
        var remaining = WorkingTime(days, time);
        var (date, timeOfDay) = ClampBackward(local);
        while (remaining > timeOfDay - WorkStart)
        {
            remaining -= timeOfDay - WorkStart;
            date = PreviousWorkday(date);
            timeOfDay = WorkEnd;
        }

        return date.ToDateTime(TimeOnly.FromTimeSpan(timeOfDay.ToTimeSpan() - remaining), local.Kind);
    }

    private TimeSpan WorkingTime(int days, TimeSpan time)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        ArgumentOutOfRangeException.ThrowIfLessThan(time, TimeSpan.Zero);
        return (WorkdayLength * days) + time;
    }

    // The first instant of working time at or after the local time, as a workday and a time in its working hours.
    private (DateOnly Date, TimeOnly Time) ClampForward(DateTime local)
    {
        var date = DateOnly.FromDateTime(local);
        var timeOfDay = TimeOnly.FromDateTime(local);
        if (!IsWorkday(date) || timeOfDay >= WorkEnd)
        {
            return (NextWorkday(date), WorkStart);
        }

        return (date, timeOfDay < WorkStart ? WorkStart : timeOfDay);
    }

    // The last instant of working time at or before the local time.
    private (DateOnly Date, TimeOnly Time) ClampBackward(DateTime local)
    {
        var date = DateOnly.FromDateTime(local);
        var timeOfDay = TimeOnly.FromDateTime(local);
        if (!IsWorkday(date) || timeOfDay < WorkStart)
        {
            return (PreviousWorkday(date), WorkEnd);
        }

        return (date, timeOfDay > WorkEnd ? WorkEnd : timeOfDay);
    }

    private DateOnly NextWorkday(DateOnly date) => FindWorkday(date, 1);

    private DateOnly PreviousWorkday(DateOnly date) => FindWorkday(date, -1);

    private DateOnly FindWorkday(DateOnly from, int step)
    {
        var date = from;
        for (var searched = 0; searched < MaxDaysWithoutWorkday; searched++)
        {
            date = date.AddDays(step);
            if (IsWorkday(date))
            {
                return date;
            }
        }

        throw new InvalidOperationException(
            $"The workday calendar has no workday within {MaxDaysWithoutWorkday} days of {from:yyyy-MM-dd}; " +
            "remove a weekend day or add make-up workdays.");
    }
}
