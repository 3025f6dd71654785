namespace WorkflowKit.Replenishment.Planning;

/// <summary>
/// Forecast demand of one product per calendar month, spread evenly over the days of each month.
/// </summary>
/// <remarks>
/// A day before the first forecast month has no demand. A day after the last forecast month takes the last
/// month's daily rate, so callers should forecast as many months as their window spans.
/// </remarks>
public sealed class DemandCurve
{
    private readonly SortedDictionary<DateOnly, decimal> _byMonth;

    /// <param name="byMonth">Forecast units per month, keyed by the month's first day.</param>
    public DemandCurve(IReadOnlyDictionary<DateOnly, decimal> byMonth)
    {
        ArgumentNullException.ThrowIfNull(byMonth);
        _byMonth = new SortedDictionary<DateOnly, decimal>();
        foreach (var (month, quantity) in byMonth)
        {
            if (month.Day != 1)
            {
                throw new ArgumentException($"Month keys must be first days of months, got {month:yyyy-MM-dd}.", nameof(byMonth));
            }

            _byMonth[month] = Math.Max(0m, quantity);
        }
    }

    /// <summary>Forecast units per month, by the month's first day.</summary>
    public IReadOnlyDictionary<DateOnly, decimal> Months => _byMonth;

    /// <summary>Forecast units on one day: the month's forecast divided by the month's days.</summary>
    public decimal OnDay(DateOnly day)
    {
        var month = new DateOnly(day.Year, day.Month, 1);
        if (!_byMonth.TryGetValue(month, out var quantity))
        {
            if (_byMonth.Count == 0 || month < _byMonth.Keys.First())
            {
                return 0m;
            }

            quantity = _byMonth.Last().Value;
        }

        return quantity / DateTime.DaysInMonth(day.Year, day.Month);
    }

    /// <summary>Forecast units over <paramref name="days"/> days starting with <paramref name="from"/>.</summary>
    public decimal Between(DateOnly from, int days)
    {
        var total = 0m;
        for (var offset = 0; offset < days; offset++)
        {
            total += OnDay(from.AddDays(offset));
        }

        return total;
    }
}
