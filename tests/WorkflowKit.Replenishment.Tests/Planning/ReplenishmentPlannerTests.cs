using WorkflowKit.Replenishment.Planning;
using WorkflowKit.Replenishment.Tests.Support;

namespace WorkflowKit.Replenishment.Tests.Planning;

public sealed class ReplenishmentPlannerTests
{
    private static readonly DateOnly Today = new(2026, 12, 1);
    private static readonly DateOnly HistoryStart = new(2023, 12, 1);

    private static readonly ReplenishmentSettings Fast = new() { UseFastTree = false };

    [Test]
    public void Plan_CountsIncomingWithinLeadTimeOnly()
    {
        // 310 a month is 10 a day; lead time 31 days from 2026-12-01 ends 2026-12-31.
        var data = new PlanningDataBuilder()
            .Product("P").Monthly("P", 310m, HistoryStart, Today)
            .Batch("B", "P", 100m, "2028-01-01")
            .Incoming("P", 150m, "2026-12-31")
            .Incoming("P", 400m, "2027-01-01")
            .Build();

        var position = ReplenishmentPlanner.Plan(data, Today, Fast, CancellationToken.None).Products.Single();

        Assert.Multiple(() =>
        {
            Assert.That(position.ForecastDemand, Is.EqualTo(310m));
            Assert.That(position.IncomingQuantity, Is.EqualTo(150m));
            Assert.That(position.Shortfall, Is.EqualTo(60m), "310 - 100 - 150");
            // Over 61 days: 310 + 300 = 610 - 100 in stock - 550 incoming by 2027-01-30 is below 0, so the shortfall.
            Assert.That(position.SuggestedQuantity, Is.EqualTo(60m));
        });
    }

    [Test]
    public void Plan_DraftPlanLeavesProductPending()
    {
        // The draft of a replenishment started earlier today arrives the day after the lead time, so it covers none of
        // the shortfall. The product is still not started a second time.
        var data = new PlanningDataBuilder()
            .Product("P").Monthly("P", 310m, HistoryStart, Today)
            .Product("Q").Monthly("Q", 310m, HistoryStart, Today)
            .Batch("B", "P", 100m, "2028-01-01")
            .Incoming("P", 400m, "2027-01-01", status: "draft", planNo: "PP-202612-018")
            .Incoming("Q", 400m, "2027-01-01", status: "submitted", planNo: "PP-202612-019")
            .Build();

        var plan = ReplenishmentPlanner.Plan(data, Today, Fast, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(plan.Shortfalls.Select(position => position.Product), Is.EqualTo(new[] { "Q" }),
                "a submitted plan is supply, not a replenishment under way");
            Assert.That(plan.Pending.Select(position => (position.Product, position.PendingPlanNo)),
                Is.EqualTo(new[] { ("P", (string?)"PP-202612-018") }));
            Assert.That(plan.Pending.Single().Shortfall, Is.EqualTo(210m), "310 - 100 in stock");
        });
    }

    [Test]
    public void Plan_EnoughStockHasNoShortfall()
    {
        var data = new PlanningDataBuilder()
            .Product("P").Monthly("P", 310m, HistoryStart, Today)
            .Batch("B", "P", 310m, "2028-01-01")
            .Build();

        var plan = ReplenishmentPlanner.Plan(data, Today, Fast, CancellationToken.None);

        Assert.That(plan.Shortfalls, Is.Empty);
    }

    [Test]
    public void Plan_ExpiringBatchCoversPartly()
    {
        // 200 units usable until 2026-12-10 (expiry 2027-01-09 minus 30 days): they serve 10 days, 100 units.
        var data = new PlanningDataBuilder()
            .Product("P").Monthly("P", 310m, HistoryStart, Today)
            .Batch("B", "P", 200m, "2027-01-09")
            .Build();

        var position = ReplenishmentPlanner.Plan(
            data, Today, Fast with { MinShelfLifeDays = 30 }, CancellationToken.None).Products.Single();

        Assert.Multiple(() =>
        {
            Assert.That(position.UsableStock, Is.EqualTo(200m));
            Assert.That(position.CoveredByStock, Is.EqualTo(100m));
            Assert.That(position.Shortfall, Is.EqualTo(210m));
        });
    }

    [Test]
    public void Confirmation_rounds_to_product_decimals()
    {
        // Demand that rises by 13.37 units a month, so that the customer's forecast is fractional and above the
        // recent months, which puts the customer on the confirmation list.
        static PlanningData Data(int decimals) => new PlanningDataBuilder()
            .Product("P", quantityDecimals: decimals)
            .Customer("C1", null)
            .Months("P", HistoryStart, "C1", [.. Enumerable.Range(0, 36).Select(month => 100m + 13.37m * month)])
            .Batch("B", "P", 10m, "2028-01-01")
            .Build();
        var settings = Fast with { RiseThreshold = 0m };
        decimal Confirmed(int decimals) => ReplenishmentPlanner.Plan(Data(decimals), Today, settings, CancellationToken.None)
            .Shortfalls.Single().Confirmations.Single().ForecastQuantity;

        var exact = Confirmed(ProductInfo.MaxQuantityDecimals);

        Assert.That(exact, Is.Not.EqualTo(decimal.Round(exact, 1)), "the forecast has more than one decimal");
        Assert.That(Confirmed(0), Is.EqualTo(decimal.Round(exact, 0, MidpointRounding.AwayFromZero)));
        Assert.That(Confirmed(2), Is.EqualTo(decimal.Round(exact, 2, MidpointRounding.AwayFromZero)));
    }

    [Test]
    public void Plan_RejectsOutOfRangeSetting()
    {
        var data = new PlanningDataBuilder().Product("P").Build();

        var error = Assert.Throws<ArgumentException>(() =>
            ReplenishmentPlanner.Plan(data, Today, Fast with { ReviewDays = -1 }, CancellationToken.None));

        Assert.That(error!.Message, Does.StartWith("reviewDays must be between 0 and 365, got -1."));
    }
}
