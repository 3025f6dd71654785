namespace WorkflowKit.Samples.Tests.Generation;

public sealed class StockBatchTests : GeneratedSamplesFixture
{
    [Test]
    public void Batches_NumbersUnique()
    {
        Assert.That(Batches.Rows, Has.Count.GreaterThanOrEqualTo(100));
        Assert.That(Batches.Rows.Select(row => row["batchNo"]), Is.Unique);
    }

    [Test]
    public void Batches_ProductsExist()
    {
        var products = Products.Rows.Select(row => row["code"]).ToHashSet(StringComparer.Ordinal);

        Assert.That(Batches.Rows.Select(row => row["product"]).Distinct(), Is.SubsetOf(products));
        Assert.That(Batches.Rows.Select(row => row["product"]).Distinct().Count(), Is.EqualTo(products.Count));
    }

    [Test]
    public void Batches_ReservedWithinQuantity()
    {
        foreach (var row in Batches.Rows)
        {
            Assert.That(Values.Integer(row["reservedQuantity"]), Is.InRange(0, Values.Integer(row["quantity"])),
                row["batchNo"]);
        }
    }

    [Test]
    public void Batches_MadeBeforeTodayAndExpireAfterMade()
    {
        foreach (var row in Batches.Rows)
        {
            var made = Values.Date(row["manufactureDate"]);
            Assert.That(made, Is.LessThanOrEqualTo(Today), row["batchNo"]);
            Assert.That(Values.Date(row["expiryDate"]), Is.GreaterThan(made), row["batchNo"]);
        }
    }

    [TestCase(int.MinValue, -1, 3)]
    [TestCase(0, 30, 3)]
    [TestCase(31, 60, 3)]
    [TestCase(61, 90, 3)]
    [TestCase(91, int.MaxValue, 80)]
    public void Batches_ExpirySpread(int fromDaysLeft, int toDaysLeft, int minimum)
    {
        var count = Batches.Rows.Count(row =>
        {
            var daysLeft = Values.Date(row["expiryDate"]).DayNumber - Today.DayNumber;
            return daysLeft >= fromDaysLeft && daysLeft <= toDaysLeft;
        });

        Assert.That(count, Is.GreaterThanOrEqualTo(minimum));
    }

    [Test]
    public void Batches_SomeExpiredStillAvailable()
    {
        var expired = Batches.Rows.Where(row => Values.Date(row["expiryDate"]) < Today).ToList();
        var handled = expired.Where(row => row["status"] != "available").ToList();

        Assert.That(expired.Count(row => row["status"] == "available"), Is.GreaterThan(0));
        Assert.That(handled, Is.Not.Empty);
        Assert.That(handled.Select(row => row["status"]), Has.All.EqualTo("quarantined"), "what the expiry watch writes");
        Assert.That(handled.Select(row => row["expiryAlert"]), Has.All.EqualTo("expired"));
    }

    [Test]
    public void Batches_WarehousesOfAllRegions()
    {
        Assert.That(Batches.Rows.Select(row => row["warehouse"]).Distinct(),
            Is.EquivalentTo(new[] { "sh", "bj", "gz", "cd" }));
    }
}
