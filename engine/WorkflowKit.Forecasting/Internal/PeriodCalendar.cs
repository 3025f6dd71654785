namespace WorkflowKit.Forecasting.Internal;

/// <summary>
/// Maps dates to whole-number period indexes at one grain, so that consecutive periods differ by one and
/// <c>index mod SeasonLength</c> is the position in the seasonal cycle (month of year, weekday).
/// </summary>
internal sealed class PeriodCalendar
{
    private const int DaysPerWeek = 7;

    // DayNumber 0 (0001-01-01) is a Monday, so a week starting on another day is shifted by this many days.
    private readonly int _weekShift;

    public PeriodCalendar(Periodicity periodicity, DayOfWeek weekStart = DayOfWeek.Monday)
    {
        if (!Enum.IsDefined(periodicity))
        {
            throw new ArgumentOutOfRangeException(
                nameof(periodicity), periodicity, "Unknown periodicity. Use Day, Week or Month.");
        }

        Periodicity = periodicity;
        _weekShift = ((int)weekStart - (int)DayOfWeek.Monday + DaysPerWeek) % DaysPerWeek;
    }

    public Periodicity Periodicity { get; }

    /// <summary>Index of the last period that <see cref="DateOnly"/> can represent, the one containing 9999-12-31.</summary>
    public int LastIndex => IndexOf(DateOnly.MaxValue);

    /// <summary>Number of periods in one seasonal cycle: 7 days, 52 weeks or 12 months.</summary>
    public int SeasonLength => Periodicity switch
    {
        Periodicity.Day => DaysPerWeek,
        Periodicity.Week => 52,
        _ => 12,
    };

    public int IndexOf(DateOnly date) => Periodicity switch
    {
        Periodicity.Day => date.DayNumber,
        Periodicity.Week => FloorDivide(date.DayNumber - _weekShift, DaysPerWeek),
        _ => (date.Year * 12) + date.Month - 1,
    };

    public DateOnly StartOf(int index) => Periodicity switch
    {
        Periodicity.Day => DateOnly.FromDayNumber(index),
        Periodicity.Week => DateOnly.FromDayNumber((index * DaysPerWeek) + _weekShift),
        _ => new DateOnly(index / 12, (index % 12) + 1, 1),
    };

    /// <summary>Position of a period in the seasonal cycle, from 0 to <see cref="SeasonLength"/> − 1.</summary>
    public int PhaseOf(int index) => Phase(index, SeasonLength);

    public static int Phase(int index, int seasonLength) => ((index % seasonLength) + seasonLength) % seasonLength;

    private static int FloorDivide(int value, int divisor)
    {
        var quotient = value / divisor;
        return value % divisor < 0 ? quotient - 1 : quotient;
    }
}
