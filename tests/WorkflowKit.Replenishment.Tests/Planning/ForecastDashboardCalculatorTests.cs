using WorkflowKit.Replenishment.Dashboard;
using WorkflowKit.Replenishment.Tests.Support;

namespace WorkflowKit.Replenishment.Tests.Planning;

public sealed class ForecastDashboardCalculatorTests
{
    private static readonly DateOnly Today = new(2026, 12, 1);
    private static readonly DateOnly HistoryStart = new(2023, 12, 1);
    private static readonly decimal Daily = 300m / 31;

    // P sells 300 a month. X1 (400, usable until 2026-12-12 with 60 days of shelf life) serves 12 days. X2 (200,
    // expiring 2028) then serves 19 more days of December and 20.67 units into January. Q has no stock. R has
    // 10000 units without an expiry date and sells 300 a month.
    private static ForecastDashboard Compute() => ForecastDashboardCalculator.Compute(
        new PlanningDataBuilder()
            .Product("P").Monthly("P", 300m, HistoryStart, Today)
            .Batch("X1", "P", 400m, "2027-02-10")
            .Batch("X2", "P", 200m, "2028-01-01")
            .Batch("X3", "P", 1000m, "2027-02-10", status: "quarantined")
            .Product("Q").Monthly("Q", 300m, HistoryStart, Today)
            .Product("R").Monthly("R", 300m, HistoryStart, Today)
            .Batch("R1", "R", 10000m, null)
            .Build(),
        Today, new ForecastDashboardOptions(), CancellationToken.None);

    [Test]
    public void Compute_ShowsActualThenForecastMonths()
    {
        var months = Compute().Products.Single(p => p.Product == "P").Months;

        Assert.Multiple(() =>
        {
            Assert.That(months, Has.Count.EqualTo(15));
            Assert.That(months[0].Month, Is.EqualTo(new DateOnly(2025, 12, 1)));
            Assert.That(months.Take(12).Select(m => m.Actual), Is.All.EqualTo(300m));
            Assert.That(months.Take(12).Select(m => m.Forecast), Is.All.Null);
            Assert.That(months.Skip(12).Select(m => m.Month.Month), Is.EqualTo(new[] { 12, 1, 2 }));
            Assert.That(months.Skip(12).Select(m => m.Forecast), Is.All.EqualTo(300m));
        });
    }

    [Test]
    public void Compute_StockCoverDaysFollowFefo()
    {
        var rows = Compute().Products.ToDictionary(p => p.Product);

        // 12 days from X1, 19 more days of December from X2, then 200 - 19 * Daily units on 2027-01-01 and -02.
        var left = 200m - (19 * Daily);
        var expected = decimal.Round(31m + Math.Floor(left / Daily) + ((left % Daily) / Daily), 1);
        Assert.Multiple(() =>
        {
            Assert.That(rows["P"].CoverDays, Is.EqualTo(expected));
            Assert.That(rows["P"].UsableStock, Is.EqualTo(600m), "X3 is quarantined");
            Assert.That(rows["Q"].CoverDays, Is.EqualTo(0m));
            Assert.That(rows["R"].CoverDays, Is.EqualTo(365m));
            Assert.That(rows["R"].CoverCapped, Is.True);
            Assert.That(rows["P"].CoverCapped, Is.False);
        });
    }

    [Test]
    public void Compute_ShowsBaselineMethod()
    {
        // S started selling 22 months ago with a pattern that repeats every year, too short for the seasonal models,
        // so the same month last year beats the model. P has three flat years and keeps the model.
        decimal[] pattern = [10, 80, 15, 60, 5, 90, 20, 70, 10, 85, 30, 50];
        var builder = new PlanningDataBuilder().Product("P").Monthly("P", 300m, HistoryStart, Today).Product("S");
        for (var month = 0; month < 22; month++)
        {
            builder.Monthly("S", pattern[month % 12], Today.AddMonths(month - 22), Today.AddMonths(month - 21));
        }

        var rows = ForecastDashboardCalculator.Compute(
                builder.Build(), Today, new ForecastDashboardOptions(), CancellationToken.None)
            .Products.ToDictionary(p => p.Product);

        Assert.Multiple(() =>
        {
            Assert.That(rows["S"].Method, Is.EqualTo(Forecasting.ForecastMethod.SeasonalNaive), rows["S"].Model);
            Assert.That(rows["S"].Months[12].Forecast, Is.EqualTo(30m), "December is the 11th month of the pattern");
            Assert.That(rows["P"].Method, Is.EqualTo(Forecasting.ForecastMethod.Model));
        });
    }

    [Test]
    public void Compute_FlagsBatchExpiringBeforeDemandUsesIt()
    {
        var risks = Compute().BatchesAtRisk;

        var risk = risks.Single();
        Assert.Multiple(() =>
        {
            Assert.That(risk.BatchNo, Is.EqualTo("X1"));
            Assert.That(risk.LastUsableDay, Is.EqualTo(new DateOnly(2026, 12, 12)));
            Assert.That(risk.ConsumedQuantity, Is.EqualTo(decimal.Round(12 * Daily, 2)));
            Assert.That(risk.AtRiskQuantity, Is.EqualTo(decimal.Round(400m - (12 * Daily), 2)));
        });
    }
}
