using WorkflowKit.Replenishment.Planning;

namespace WorkflowKit.Replenishment.Tests.Planning;

public sealed class FefoSimulationTests
{
    private static readonly DateOnly Today = new(2026, 12, 1);

    // 310 units in December and January: 10 a day.
    private static readonly DemandCurve TenPerDay = new(new Dictionary<DateOnly, decimal>
    {
        [new DateOnly(2026, 12, 1)] = 310m,
        [new DateOnly(2027, 1, 1)] = 310m,
    });

    [Test]
    public void Run_ConsumesEarliestExpiryFirst()
    {
        var late = Batch("L", 100m, "2028-01-01");
        var early = Batch("E", 100m, "2027-12-01");

        var result = FefoSimulation.Run([late, early], TenPerDay, Today, 5, minShelfLifeDays: 0);

        Assert.Multiple(() =>
        {
            Assert.That(result.Batches.Select(b => b.Batch.BatchNo), Is.EqualTo(new[] { "E", "L" }));
            Assert.That(result.Batches[0].Consumed, Is.EqualTo(50m));
            Assert.That(result.Batches[1].Consumed, Is.EqualTo(0m));
        });
    }

    [Test]
    public void Run_SkipsQuarantinedExpiredAndReserved()
    {
        var batches = new[]
        {
            Batch("Q", 500m, "2028-01-01", "quarantined"),
            Batch("X", 500m, "2028-01-01", "expired"),
            Batch("R", 100m, "2028-01-01", reserved: 70m),
        };

        var result = FefoSimulation.Run(batches, TenPerDay, Today, 10, minShelfLifeDays: 0);

        Assert.Multiple(() =>
        {
            Assert.That(result.Demand, Is.EqualTo(100m));
            Assert.That(result.Covered, Is.EqualTo(30m), "only R's 30 free units");
            Assert.That(result.CoverDays, Is.EqualTo(3m));
            Assert.That(result.CoversWholeWindow, Is.False);
        });
    }

    [Test]
    public void Run_FlagsUnitsLeftAtLastUsableDay()
    {
        // Last usable day with 30 days of shelf life: 2026-12-05, so the batch serves 5 days of 10.
        var batch = Batch("S", 200m, "2027-01-04");

        var result = FefoSimulation.Run([batch], TenPerDay, Today, 31, minShelfLifeDays: 30);

        var outcome = result.Batches.Single();
        Assert.Multiple(() =>
        {
            Assert.That(outcome.LastUsableDay, Is.EqualTo(new DateOnly(2026, 12, 5)));
            Assert.That(outcome.Consumed, Is.EqualTo(50m));
            Assert.That(outcome.Remaining, Is.EqualTo(150m));
            Assert.That(outcome.AtRisk, Is.True);
            Assert.That(result.CoverDays, Is.EqualTo(5m));
        });
    }

    [Test]
    public void IsUsableOn_RejectsTooLittleShelfLife()
    {
        var batch = Batch("S", 10m, "2027-01-10");

        Assert.Multiple(() =>
        {
            Assert.That(FefoSimulation.IsUsableOn(batch, Today, 40), Is.True, "40 days left");
            Assert.That(FefoSimulation.IsUsableOn(batch, Today, 41), Is.False, "needs 41");
        });
    }

    private static StockBatch Batch(
        string batchNo, decimal quantity, string expiry, string status = "available", decimal reserved = 0m) =>
        new(batchNo, "P", "sh", quantity, reserved,
            DateOnly.Parse(expiry, System.Globalization.CultureInfo.InvariantCulture), status);
}
