using WorkflowKit.Replenishment.Planning;
using WorkflowKit.Replenishment.Tests.Support;

namespace WorkflowKit.Replenishment.Tests.Planning;

/// <summary>
/// Each customer's share of demand needs that customer's <c>minShelfLifeDays</c>. In every plan test the product's
/// history is 310 units a month, so the forecast is 310 a month, 10 a day. Unless a test describes other orders, each of
/// two customers orders 155 of them, so each customer's share is one half.
/// </summary>
public sealed class CustomerShelfLifeTests
{
    private static readonly DateOnly Today = new(2026, 12, 1);
    private static readonly DateOnly HistoryStart = new(2023, 12, 1);
    private static readonly ReplenishmentSettings Fast = new() { UseFastTree = false };

    /// <summary>
    /// The batch expires 2027-04-30, 150 days after today. C1 (30 days) may take it until 2027-03-31, so it serves
    /// C1's 5 a day over the whole lead time. C2 (180 days) may never take it. With the old single 60-day floor
    /// the batch would cover all 310 units.
    /// </summary>
    [Test]
    public void Plan_StrictCustomerNotServedByShortDated()
    {
        var data = new PlanningDataBuilder()
            .Product("P")
            .Monthly("P", 155m, HistoryStart, Today, customer: "C1")
            .Monthly("P", 155m, HistoryStart, Today, customer: "C2")
            .Customer("C1", 30)
            .Customer("C2", 180)
            .Batch("B1", "P", 400m, "2027-04-30")
            .Build();

        var position = ReplenishmentPlanner.Plan(data, Today, Fast, CancellationToken.None).Products.Single();

        Assert.That(position.ForecastDemand, Is.EqualTo(310m));
        Assert.That(position.UsableStock, Is.EqualTo(400m));
        Assert.That(position.CoveredByStock, Is.EqualTo(155m), "C1's half of 31 days");
        Assert.That(position.Shortfall, Is.EqualTo(155m), "C2's half");
        // Lead time plus 30 review days ends 2027-01-30: 310 + 300 units, of which C2's half, 305, is not served.
        Assert.That(position.SuggestedQuantity, Is.EqualTo(305m));
    }

    [Test]
    public void Plan_SingleFloorCoversAll()
    {
        var data = new PlanningDataBuilder()
            .Product("P")
            .Monthly("P", 155m, HistoryStart, Today, customer: "C1")
            .Monthly("P", 155m, HistoryStart, Today, customer: "C2")
            .Batch("B1", "P", 400m, "2027-04-30")
            .Build();

        var position = ReplenishmentPlanner.Plan(data, Today, Fast, CancellationToken.None).Products.Single();

        Assert.That(position.CoveredByStock, Is.EqualTo(310m), "both customers unknown, so both need 60 days");
        Assert.That(position.Shortfall, Is.Zero);
    }

    /// <summary>
    /// The batch expires 2027-01-15, 45 days after today. C1 (30 days) may take it until 2026-12-16, 16 days of
    /// 5 units. C9 has no customer record, so its half needs the default 60 days and gets nothing.
    /// </summary>
    [Test]
    public void Plan_UnknownCustomerUsesDefault()
    {
        var data = new PlanningDataBuilder()
            .Product("P")
            .Monthly("P", 155m, HistoryStart, Today, customer: "C1")
            .Monthly("P", 155m, HistoryStart, Today, customer: "C9")
            .Customer("C1", 30)
            .Batch("B1", "P", 200m, "2027-01-15")
            .Build();

        var position = ReplenishmentPlanner.Plan(data, Today, Fast, CancellationToken.None).Products.Single();

        Assert.That(position.CoveredByStock, Is.EqualTo(80m));
        Assert.That(position.Shortfall, Is.EqualTo(230m));
    }

    [Test]
    public void Plan_CustomerWithoutMinimumUsesDefault()
    {
        var data = new PlanningDataBuilder()
            .Product("P")
            .Monthly("P", 310m, HistoryStart, Today, customer: "C1")
            .Customer("C1", null)
            .Batch("B1", "P", 400m, "2027-01-15")
            .Build();

        var position = ReplenishmentPlanner.Plan(data, Today, Fast, CancellationToken.None).Products.Single();

        Assert.That(position.UsableStock, Is.Zero, "45 days left is below the default 60");
        Assert.That(position.UnusableStock, Is.EqualTo(400m));
        Assert.That(position.Shortfall, Is.EqualTo(310m));
    }

    /// <summary>
    /// C1 (30 days) ordered 248 a month and C2 (180 days) 62 for 24 months, then the other way round for the last
    /// 12. Over those 12 months C1's share is 0.2, so the batch that only C1 may take covers 62 of the 310 units.
    /// Over all 36 months C1's share would be 0.6 and the batch would cover 186.
    /// </summary>
    [Test]
    public void Plan_RecentShareWeighsCustomers()
    {
        var switchMonth = Today.AddMonths(-12);
        var data = new PlanningDataBuilder()
            .Product("P")
            .Monthly("P", 248m, HistoryStart, switchMonth, customer: "C1")
            .Monthly("P", 62m, HistoryStart, switchMonth, customer: "C2")
            .Monthly("P", 62m, switchMonth, Today, customer: "C1")
            .Monthly("P", 248m, switchMonth, Today, customer: "C2")
            .Customer("C1", 30)
            .Customer("C2", 180)
            .Batch("B1", "P", 400m, "2027-04-30")
            .Build();

        var position = ReplenishmentPlanner.Plan(data, Today, Fast, CancellationToken.None).Products.Single();

        Assert.That(position.ForecastDemand, Is.EqualTo(310m));
        Assert.That(position.CoveredByStock, Is.EqualTo(62m), "C1's 0.2 of 310");
        Assert.That(position.Shortfall, Is.EqualTo(248m), "C2's 0.8 of 310");
        // Lead time plus 30 review days: 610 units, of which C2's 0.8, 488, is not served.
        Assert.That(position.SuggestedQuantity, Is.EqualTo(488m));
    }

    /// <summary>
    /// C1 (30 days) ordered 155 a month for the first 24 months and nothing in the last 12, so it is weighed by its
    /// rate over all 36 months, 3720 / 36 units a month. C2 (180 days) ordered 155 and then 310 a month, so its
    /// rate is that of the last 12 months, 310. C1's share is therefore 0.25, and the batch covers 77.5 units.
    /// </summary>
    [Test]
    public void Plan_LapsedCustomerUsesWholeHistory()
    {
        var switchMonth = Today.AddMonths(-12);
        var data = new PlanningDataBuilder()
            .Product("P")
            .Monthly("P", 155m, HistoryStart, switchMonth, customer: "C1")
            .Monthly("P", 155m, HistoryStart, switchMonth, customer: "C2")
            .Monthly("P", 310m, switchMonth, Today, customer: "C2")
            .Customer("C1", 30)
            .Customer("C2", 180)
            .Batch("B1", "P", 400m, "2027-04-30")
            .Build();

        var position = ReplenishmentPlanner.Plan(data, Today, Fast, CancellationToken.None).Products.Single();

        Assert.That(position.ForecastDemand, Is.EqualTo(310m));
        Assert.That(position.CoveredByStock, Is.EqualTo(77.5m), "C1's 0.25 of 310");
        Assert.That(position.Shortfall, Is.EqualTo(233m), "C2's 0.75 of 310, rounded up");
        Assert.That(position.SuggestedQuantity, Is.EqualTo(458m), "C2's 0.75 of 610, rounded up");
    }

    /// <summary>
    /// Neither customer ordered in the last 12 months, so each is weighed by its units over the whole history, and
    /// the mix is the share of units over that history. Lines outside the history window do not count.
    /// </summary>
    [Test]
    public void FromDemand_NoRecentOrdersUsesHistory()
    {
        var mix = ShelfLifeMix.FromDemand(
            [
                new DemandLine(Today.AddMonths(-20), "L", "P", 30m),
                new DemandLine(Today.AddMonths(-15), "S", "P", 10m),
                new DemandLine(Today.AddMonths(-40), "S", "P", 1000m),
            ],
            new Dictionary<string, CustomerInfo>
            {
                ["L"] = new("L", null, null, null, 0),
                ["S"] = new("S", null, null, null, 100),
            },
            "P",
            until: Today,
            historyMonths: 36,
            recentMonths: 12,
            defaultDays: 60);

        Assert.That(mix.Shares.Select(share => share.MinShelfLifeDays), Is.EqualTo(new[] { 0, 100 }));
        Assert.That(mix.Shares.Select(share => share.Share), Is.EqualTo(new[] { 0.75m, 0.25m }));
    }

    /// <summary>
    /// Short-dated batch A (61 days left) and long-dated batch B. The lenient half (0 days) takes A, the strict half
    /// (100 days) may take only B, so over 10 days each batch gives 50 units.
    /// </summary>
    [Test]
    public void Run_SharesTakeTheirOwnBatches()
    {
        var curve = new DemandCurve(new Dictionary<DateOnly, decimal> { [Today] = 310m });
        var mix = ShelfLifeMix.FromDemand(
            [new DemandLine(Today.AddDays(-20), "L", "P", 7m), new DemandLine(Today.AddDays(-10), "S", "P", 7m)],
            new Dictionary<string, CustomerInfo>
            {
                ["L"] = new("L", null, null, null, 0),
                ["S"] = new("S", null, null, null, 100),
            },
            "P",
            until: Today,
            historyMonths: 1,
            recentMonths: 1,
            defaultDays: 60);
        StockBatch[] batches =
        [
            new("A", "P", null, 100m, 0m, new DateOnly(2027, 1, 31), "available"),
            new("B", "P", null, 100m, 0m, new DateOnly(2028, 1, 1), "available"),
        ];

        var result = FefoSimulation.Run(batches, curve, Today, 10, mix);

        Assert.That(mix.Shares.Select(share => share.MinShelfLifeDays), Is.EqualTo(new[] { 0, 100 }));
        Assert.That(mix.Shares.Select(share => share.Share), Is.EqualTo(new[] { 0.5m, 0.5m }));
        Assert.That(result.Covered, Is.EqualTo(100m));
        Assert.That(result.Batches[0].Consumed, Is.EqualTo(50m), "A");
        Assert.That(result.Batches[1].Consumed, Is.EqualTo(50m), "B");
        Assert.That(result.Batches[0].LastUsableDay, Is.EqualTo(new DateOnly(2027, 1, 31)), "lenient customers' day");
    }
}
