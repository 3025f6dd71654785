namespace WorkflowKit.Forecasting.Csv;

/// <summary>
/// Settles whether the year-last dates of one file put the day or the month first. A file does not say, and
/// <c>1/5/2026</c> is 1 May in most of the world and 5 January in the United States, so the order is taken only from
/// a date of the same file that is valid one way alone, such as <c>1/13/2014</c> in the pharma-sales daily file.
/// When every year-last date could be read both ways, each one is an error that gives both readings, as in the
/// records import.
/// </summary>
internal sealed class YearLastDates
{
    private readonly List<CsvDate> _dates = [];

    public void Add(CsvDate date)
    {
        if (date.IsYearLast)
        {
            _dates.Add(date);
        }
    }

    /// <summary>Sets the final date of each year-last date, or reports to <paramref name="errors"/> why it cannot.</summary>
    public void Resolve(SalesCsvErrors errors, string prefix)
    {
        var dayFirstOnly = _dates.FirstOrDefault(date => date.MonthFirst is null);
        var monthFirstOnly = _dates.FirstOrDefault(date => date.DayFirst is null);
        if (dayFirstOnly is not null && monthFirstOnly is not null)
        {
            errors.Add(new SalesCsvException(
                $"{prefix}Line {dayFirstOnly.Line}, column '{dayFirstOnly.Column}': '{dayFirstOnly.Text}' can only " +
                $"be read day first ({Iso(dayFirstOnly.DayFirst)}), but '{monthFirstOnly.Text}' on line " +
                $"{monthFirstOnly.Line} can only be read month first ({Iso(monthFirstOnly.MonthFirst)}). Write " +
                "every date with the year first, as in 2018-12-31.",
                dayFirstOnly.Line,
                dayFirstOnly.Column,
                dayFirstOnly.Text));
            return;
        }

        if (dayFirstOnly is not null)
        {
            _dates.ForEach(date => date.Date = date.DayFirst!.Value);
            return;
        }

        if (monthFirstOnly is not null)
        {
            return;
        }

        // A date such as 5/5/2026 reads the same both ways and needs no order.
        foreach (var date in _dates.Where(date => date.DayFirst != date.MonthFirst))
        {
            errors.Add(new SalesCsvException(
                $"{prefix}Line {date.Line}, column '{date.Column}': '{date.Text}' has the year last and may be " +
                $"{Iso(date.DayFirst)} (day/month/year) or {Iso(date.MonthFirst)} (month/day/year), and no date " +
                "in the file has a day above 12 that would settle the order. Write the dates with the year first, " +
                $"as in {Iso(date.DayFirst)}.",
                date.Line,
                date.Column,
                date.Text));
        }
    }

    private static string Iso(DateOnly? date) => date!.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
