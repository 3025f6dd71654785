using WorkflowKit.Forecasting.Internal;

namespace WorkflowKit.Forecasting.Tests.Series;

public sealed class PartialPeriodsTests
{
    private static readonly PeriodCalendar Months = new(Periodicity.Month);

    [Test]
    public void First_DailyFromSecondDayDropped()
    {
        // The shape of the pharma-sales daily file: every day from 2014-01-02, so every later month starts on its 1st.
        var history = Daily(new DateOnly(2014, 1, 2), new DateOnly(2014, 12, 31));

        var first = PartialPeriods.First(history, Months);

        Assert.That(first, Is.EqualTo(new PeriodRange(new DateOnly(2014, 1, 1), new DateOnly(2014, 1, 31))));
    }

    [Test]
    public void First_SparseMidMonthStartKept()
    {
        // Orders on the 14th and 28th of each month: the first order on 2024-01-14 is as early in January as the
        // first orders of the other months are in theirs, so January contains a whole month of orders.
        var history = Enumerable.Range(0, 12)
            .SelectMany(month => new[] { 14, 28 }.Select(day => Sale(new DateOnly(2024, 1 + month, day))))
            .ToList();

        Assert.That(PartialPeriods.First(history, Months), Is.Null);
    }

    [Test]
    public void First_SparseStartLaterThanUsualDropped()
    {
        // Orders on the 3rd, 14th and 28th of each month, but the file starts with the order of 2024-01-28.
        var history = Enumerable.Range(1, 11)
            .SelectMany(month => new[] { 3, 14, 28 }.Select(day => Sale(new DateOnly(2024, 1 + month, day))))
            .Prepend(Sale(new DateOnly(2024, 1, 28)))
            .ToList();

        var first = PartialPeriods.First(history, Months);

        Assert.That(first?.Start, Is.EqualTo(new DateOnly(2024, 1, 1)));
    }

    [Test]
    public void First_BusinessDayStartKept()
    {
        // Sales on weekdays only: 2024-06-03 is the first weekday of June, and some later months also begin on their
        // 2nd or 3rd because the 1st is a Saturday or Sunday.
        var history = Daily(new DateOnly(2024, 6, 3), new DateOnly(2025, 5, 31))
            .Where(sale => sale.Date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            .ToList();

        Assert.That(PartialPeriods.First(history, Months), Is.Null);
    }

    [Test]
    public void First_OnlyPeriodComparedWithItsStart()
    {
        var history = Daily(new DateOnly(2024, 1, 4), new DateOnly(2024, 1, 20));

        var first = PartialPeriods.First(history, Months);

        Assert.That(first?.Start, Is.EqualTo(new DateOnly(2024, 1, 1)));
    }

    [Test]
    public void First_OneDatePerMonthKept()
    {
        var history = Enumerable.Range(0, 6).Select(month => Sale(new DateOnly(2024, 1 + month, 15))).ToList();

        Assert.That(PartialPeriods.First(history, Months), Is.Null);
    }

    [Test]
    public void Last_SparseEndKept()
    {
        var history = Enumerable.Range(0, 6)
            .SelectMany(month => new[] { 14, 28 }.Select(day => Sale(new DateOnly(2024, 1 + month, day))))
            .ToList();

        Assert.That(PartialPeriods.Last(history, Months), Is.Null);
    }

    [Test]
    public void Last_DailyEndingMidMonthNoted()
    {
        var history = Daily(new DateOnly(2024, 1, 1), new DateOnly(2024, 6, 12));

        var last = PartialPeriods.Last(history, Months);

        Assert.That(last, Is.EqualTo(new PeriodRange(new DateOnly(2024, 6, 1), new DateOnly(2024, 6, 30))));
    }

    private static List<SalesObservation> Daily(DateOnly first, DateOnly last) =>
        [.. Enumerable.Range(0, last.DayNumber - first.DayNumber + 1).Select(day => Sale(first.AddDays(day)))];

    private static SalesObservation Sale(DateOnly date) => new(date, null, "Kit A", 10);
}
