using WorkflowKit.Forecasting.Csv;

namespace WorkflowKit.Forecasting.Tests.Csv;

/// <summary>
/// Dates of sales CSV files, which are year first or have a month name. A year-last date is read only when the file
/// itself settles whether the day or the month comes first. The wide layout has one row per date.
/// </summary>
public sealed class CsvDateTests
{
    [TestCase("2026-05-01")]
    [TestCase("2026/5/1")]
    [TestCase("1 May 2026")]
    [TestCase("\"May 1, 2026\"")]
    [TestCase("01-May-2026")]
    public async Task Year_first_or_month_name_is_read(string text)
    {
        var observations = await ReadLongAsync($"{text},K,10");

        Assert.That(observations.Single().Date, Is.EqualTo(new DateOnly(2026, 5, 1)));
    }

    [Test]
    public void Ambiguous_year_last_dates_give_both_readings()
    {
        var exception = Assert.ThrowsAsync<SalesCsvException>(
            () => ReadLongAsync("1/5/2026,K,10", "2/5/2026,K,12", "5/5/2026,K,9"));

        Assert.That(exception!.Errors, Has.Count.EqualTo(2));
        Assert.That(exception.Errors[0].Line, Is.EqualTo(2));
        Assert.That(exception.Errors[0].Column, Is.EqualTo("date"));
        Assert.That(exception.Errors[0].Message, Is.EqualTo(
            "sales.csv: Line 2, column 'date': '1/5/2026' has the year last and may be 2026-05-01 (day/month/year) " +
            "or 2026-01-05 (month/day/year), and no date in the file has a day above 12 that would settle the " +
            "order. Write the dates with the year first, as in 2026-05-01."));
        Assert.That(exception.Errors[1].Line, Is.EqualTo(3));
    }

    [Test]
    public async Task Day_above_12_settles_day_first()
    {
        var observations = await ReadLongAsync("1/5/2026,K,10", "13/5/2026,K,12");

        Assert.That(observations.Select(observation => observation.Date), Is.EqualTo(new[]
        {
            new DateOnly(2026, 5, 1), new DateOnly(2026, 5, 13),
        }));
    }

    [Test]
    public async Task Day_above_12_settles_month_first()
    {
        var observations = await ReadLongAsync("1/5/2026,K,10", "1/13/2026,K,12");

        Assert.That(observations.Select(observation => observation.Date), Is.EqualTo(new[]
        {
            new DateOnly(2026, 1, 5), new DateOnly(2026, 1, 13),
        }));
    }

    [Test]
    public void Conflicting_orders_name_both_lines()
    {
        var exception = Assert.ThrowsAsync<SalesCsvException>(
            () => ReadLongAsync("13/5/2026,K,10", "1/13/2026,K,12"));

        Assert.That(exception!.Message, Is.EqualTo(
            "sales.csv: Line 2, column 'date': '13/5/2026' can only be read day first (2026-05-13), but " +
            "'1/13/2026' on line 3 can only be read month first (2026-01-13). Write every date with the year first, " +
            "as in 2018-12-31."));
    }

    [Test]
    public void Unreadable_date_suggests_year_first()
    {
        var exception = Assert.ThrowsAsync<SalesCsvException>(() => ReadLongAsync("13/13/2026,K,10"));

        Assert.That(exception!.Message, Is.EqualTo(
            "sales.csv: Line 2, column 'date': '13/13/2026' is not a valid date. Write the year first, as in " +
            "2018-12-31, or use a month name, as in 31 Dec 2018."));
    }

    [Test]
    public void Repeated_wide_date_names_both_lines()
    {
        const string text = "datum,M01AB,N02BE\n2014-08-31,1,2\n2014-09-30,3,4\n2014-09-30,3,4\n";

        var exception = Assert.ThrowsAsync<SalesCsvException>(
            () => SalesHistoryCsv.ReadAsync(new StringReader(text), "monthly.csv"));

        Assert.That(exception!.Line, Is.EqualTo(4));
        Assert.That(exception.Message, Is.EqualTo(
            "monthly.csv: Line 4, column 'datum': the date '2014-09-30' (2014-09-30) repeats line 3. In the wide " +
            "layout each row holds one date's sales; delete the repeated row, or add the two rows' quantities into " +
            "one row."));
    }

    [Test]
    public void Repeat_found_after_order_settles()
    {
        const string text = "datum,M01AB\n2014-05-01,1\n1/5/2014,2\n13/1/2014,3\n";

        var exception = Assert.ThrowsAsync<SalesCsvException>(
            () => SalesHistoryCsv.ReadAsync(new StringReader(text), "weekly.csv"));

        Assert.That(exception!.Line, Is.EqualTo(3));
        Assert.That(exception.Message, Does.Contain("'1/5/2014' (2014-05-01) repeats line 2"), exception.Message);
    }

    [Test]
    public async Task Pharma_daily_and_weekly_files_read_month_first()
    {
        var daily = await SalesHistoryCsv.ReadFileAsync(SharedData.PharmaDaily);
        var weekly = await SalesHistoryCsv.ReadFileAsync(SharedData.PharmaWeekly);

        Assert.That(daily.Min(observation => observation.Date), Is.EqualTo(new DateOnly(2014, 1, 2)));
        Assert.That(weekly.Min(observation => observation.Date), Is.EqualTo(new DateOnly(2014, 1, 5)));
        var weeklyRows = File.ReadLines(SharedData.PharmaWeekly).Count(line => line.Length > 0) - 1;
        Assert.That(weekly.Select(observation => observation.Date).Distinct().Count(), Is.EqualTo(weeklyRows));
    }

    private static Task<IReadOnlyList<SalesObservation>> ReadLongAsync(params string[] rows) =>
        SalesHistoryCsv.ReadAsync(
            new StringReader("date,product,quantity\n" + string.Join("\n", rows) + "\n"), "sales.csv");
}
