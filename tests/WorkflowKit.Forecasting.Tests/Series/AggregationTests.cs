using WorkflowKit.Forecasting.Internal;

namespace WorkflowKit.Forecasting.Tests.Series;

public sealed class AggregationTests
{
    [Test]
    public void Month_GapsFilledWithZero()
    {
        var observations = new[]
        {
            Sale(2018, 1, 5, "A", 10),
            Sale(2018, 1, 31, "A", 2.5m),
            Sale(2018, 4, 1, "A", 7),
        };

        var panel = SeriesPanelBuilder.Build(observations, new PeriodCalendar(Periodicity.Month));

        Assert.That(panel.Series, Has.Count.EqualTo(1));
        Assert.That(panel.Series[0].Values, Is.EqualTo(new[] { 12.5, 0, 0, 7 }));
        Assert.That(panel.Calendar.StartOf(panel.Series[0].StartIndex), Is.EqualTo(new DateOnly(2018, 1, 1)));
        Assert.That(panel.Calendar.StartOf(panel.EndIndex), Is.EqualTo(new DateOnly(2018, 4, 1)));
    }

    [Test]
    public void Month_StoppedSeriesRunsToEndWithZeros()
    {
        var observations = new[] { Sale(2018, 1, 1, "Old", 3), Sale(2018, 3, 9, "New", 4) };

        var panel = SeriesPanelBuilder.Build(observations, new PeriodCalendar(Periodicity.Month));

        var old = panel.Series.Single(series => series.Key.Product == "Old");
        var recent = panel.Series.Single(series => series.Key.Product == "New");
        Assert.That(old.Values, Is.EqualTo(new[] { 3.0, 0, 0 }));
        Assert.That(recent.Values, Is.EqualTo(new[] { 4.0 }));
    }

    [Test]
    public void Week_MondayToSundayIsOnePeriod()
    {
        // 2024-01-01 is a Monday.
        var observations = Enumerable.Range(0, 8).Select(day => Sale(2024, 1, 1 + day, "A", 1)).ToList();

        var panel = SeriesPanelBuilder.Build(observations, new PeriodCalendar(Periodicity.Week));

        Assert.That(panel.Series[0].Values, Is.EqualTo(new[] { 7.0, 1 }));
        Assert.That(panel.Calendar.StartOf(panel.Series[0].StartIndex), Is.EqualTo(new DateOnly(2024, 1, 1)));
        Assert.That(panel.Calendar.StartOf(panel.EndIndex), Is.EqualTo(new DateOnly(2024, 1, 8)));
    }

    [Test]
    public void Week_SundayStartShiftsBoundary()
    {
        var observations = Enumerable.Range(0, 8).Select(day => Sale(2024, 1, 1 + day, "A", 1)).ToList();

        var panel = SeriesPanelBuilder.Build(observations, new PeriodCalendar(Periodicity.Week, DayOfWeek.Sunday));

        Assert.That(panel.Series[0].Values, Is.EqualTo(new[] { 6.0, 2 }));
        Assert.That(panel.Calendar.StartOf(panel.Series[0].StartIndex), Is.EqualTo(new DateOnly(2023, 12, 31)));
    }

    [Test]
    public void Day_SameDaySummedAndGapsZero()
    {
        var observations = new[]
        {
            Sale(2024, 2, 28, "A", 1.25m),
            Sale(2024, 2, 28, "A", 0.5m),
            Sale(2024, 3, 2, "A", 2),
        };

        var panel = SeriesPanelBuilder.Build(observations, new PeriodCalendar(Periodicity.Day));

        Assert.That(panel.Series[0].Values, Is.EqualTo(new[] { 1.75, 0, 0, 2 }));
    }

    [Test]
    public void Series_CustomerAndProductSeparate()
    {
        var date = new DateOnly(2018, 1, 1);
        var observations = new[]
        {
            new SalesObservation(date, "C1", "A", 1),
            new SalesObservation(date, " C1 ", "A", 2),
            new SalesObservation(date, "C2", "A", 4),
            new SalesObservation(date, "", "A", 8),
            new SalesObservation(date, null, "A", 16),
        };

        var panel = SeriesPanelBuilder.Build(observations, new PeriodCalendar(Periodicity.Month));

        var totals = panel.Series.ToDictionary(series => series.Key, series => series.Values.Single());
        Assert.That(totals, Has.Count.EqualTo(3));
        Assert.That(totals[new SeriesKey("C1", "A")], Is.EqualTo(3));
        Assert.That(totals[new SeriesKey("C2", "A")], Is.EqualTo(4));
        Assert.That(totals[new SeriesKey(null, "A")], Is.EqualTo(24));
    }

    [Test]
    public void Calendar_PhaseIsMonthOfYearAndWeekday()
    {
        var month = new PeriodCalendar(Periodicity.Month);
        var day = new PeriodCalendar(Periodicity.Day);

        Assert.That(month.PhaseOf(month.IndexOf(new DateOnly(2018, 3, 20))), Is.EqualTo(2));
        Assert.That(day.PhaseOf(day.IndexOf(new DateOnly(2024, 1, 1))), Is.EqualTo(0), "2024-01-01 is a Monday");
        Assert.That(day.PhaseOf(day.IndexOf(new DateOnly(2024, 1, 7))), Is.EqualTo(6));
    }

    [Test]
    public async Task PharmaDaily_AggregatesToEveryGrain()
    {
        var history = await WorkflowKit.Forecasting.Csv.SalesHistoryCsv.ReadFileAsync(SharedData.PharmaDaily);
        var firstDay = history.Min(observation => observation.Date);
        var lastDay = history.Max(observation => observation.Date);
        var total = history
            .Where(observation => observation.Product == "N02BE")
            .Sum(observation => (double)observation.Quantity);

        foreach (var periodicity in new[] { Periodicity.Day, Periodicity.Week, Periodicity.Month })
        {
            var calendar = new PeriodCalendar(periodicity);
            var panel = SeriesPanelBuilder.Build(history, calendar);
            var series = panel.Series.Single(candidate => candidate.Key.Product == "N02BE");

            var periods = calendar.IndexOf(lastDay) - calendar.IndexOf(firstDay) + 1;
            Assert.That(series.Values, Has.Length.EqualTo(periods), $"{periodicity}");
            Assert.That(series.Values.Sum(), Is.EqualTo(total).Within(1e-6), $"{periodicity}");
        }
    }

    private static SalesObservation Sale(int year, int month, int day, string product, decimal quantity) =>
        new(new DateOnly(year, month, 1).AddDays(day - 1), null, product, quantity);
}
