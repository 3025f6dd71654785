using WorkflowKit.Replenishment.Planning;

namespace WorkflowKit.Replenishment.Tests.Planning;

/// <summary>Which warehouse receives a short product's replenishment, from orders, batches and the region map.</summary>
public sealed class ReceivingWarehouseTests
{
    private static readonly DateOnly Today = new(2026, 12, 1);

    private static readonly RegionWarehouse[] Warehouses =
    [
        new("east", "sh"), new("north", "bj"), new("south", "gz"), new("west", "cd"),
    ];

    private static readonly CustomerInfo[] Customers =
    [
        new("C-EAST", "East hospital", "east", "sales-east-1"),
        new("C-NORTH", "North hospital", "north", "sales-north-1"),
        new("C-SOUTH", "South hospital", "south", "sales-south-1"),
    ];

    [Test]
    public void Choose_RegionWithMostRecentOrders()
    {
        // North ordered 40 units in the last 12 months against east's 30. East's 500 units of 2025-11 lie outside
        // those months, and the south batch has the most stock, so neither decides.
        var data = Data(
            demand:
            [
                Line("2025-11-20", "C-EAST", 500), Line("2026-01-10", "C-EAST", 30),
                Line("2026-03-10", "C-NORTH", 25), Line("2026-11-30", "C-NORTH", 15),
                Line("2026-12-01", "C-SOUTH", 900),
            ],
            batches: [Batch("gz", 1000)]);

        var chosen = Choose(data);

        Assert.That(chosen, Is.EqualTo(new RegionWarehouse("north", "bj")));
    }

    [Test]
    public void Choose_TieGoesToFirstListedRegion()
    {
        var data = Data(demand: [Line("2026-06-10", "C-SOUTH", 20), Line("2026-06-10", "C-NORTH", 20)], batches: []);

        Assert.That(Choose(data), Is.EqualTo(new RegionWarehouse("north", "bj")));
    }

    [Test]
    public void Choose_NoRecentOrders_MostFreeStock()
    {
        // The quarantined batch in bj is larger but not available, and the reserved units of cd do not count as free.
        var data = Data(
            demand: [Line("2024-06-10", "C-EAST", 100), Line("2026-06-10", "C-UNKNOWN", 100)],
            batches: [Batch("gz", 60), Batch("cd", 100, reserved: 50), Batch("bj", 500, status: "quarantined")]);

        Assert.That(Choose(data), Is.EqualTo(new RegionWarehouse("south", "gz")));
    }

    [Test]
    public void Choose_WithoutOrdersOrStock_FirstWarehouse()
    {
        var data = Data(demand: [], batches: [Batch("xx", 100)]);

        Assert.That(Choose(data), Is.EqualTo(new RegionWarehouse("east", "sh")));
    }

    [Test]
    public void Choose_WithoutWarehouseMap_Null()
    {
        var data = Data(demand: [Line("2026-06-10", "C-EAST", 10)], batches: [Batch("sh", 10)]);

        var chosen = ReceivingWarehouse.Choose(
            "IVD-0001", data, ReplenishmentPlanner.CustomersByCode(data), [], Today);

        Assert.That(chosen, Is.Null);
    }

    [Test]
    public void Plan_SetsReceivingWarehouseOfShortProductsOnly()
    {
        var data = new PlanningData(
            [new ProductInfo("IVD-0001", "Short", 31), new ProductInfo("IVD-0002", "Stocked", 31)],
            [new StockBatch("B1", "IVD-0002", "sh", 100000, 0, new DateOnly(2029, 1, 1), "available")],
            [.. Enumerable.Range(0, 36).SelectMany(month => new[]
            {
                new DemandLine(new DateOnly(2023, 12, 15).AddMonths(month), "C-NORTH", "IVD-0001", 100),
                new DemandLine(new DateOnly(2023, 12, 15).AddMonths(month), "C-NORTH", "IVD-0002", 100),
            })],
            [],
            Customers);

        var plan = ReplenishmentPlanner.Plan(
            data, Today, new ReplenishmentSettings { UseFastTree = false, Warehouses = Warehouses }, CancellationToken.None);

        var byProduct = plan.Products.ToDictionary(position => position.Product);
        Assert.Multiple(() =>
        {
            Assert.That(byProduct["IVD-0001"].Shortfall, Is.GreaterThan(0m));
            Assert.That(byProduct["IVD-0001"].Receiving, Is.EqualTo(new RegionWarehouse("north", "bj")));
            Assert.That(byProduct["IVD-0002"].Shortfall, Is.EqualTo(0m));
            Assert.That(byProduct["IVD-0002"].Receiving, Is.Null);
        });
    }

    [Test]
    public void Settings_RepeatedRegionRejected()
    {
        var settings = new ReplenishmentSettings { Warehouses = [new("east", "sh"), new("east", "bj")] };

        var error = Assert.Throws<ArgumentException>(settings.Validate);

        Assert.That(error!.Message, Does.StartWith("warehouses names region 'east' twice. Give each region one warehouse."));
    }

    private static RegionWarehouse? Choose(PlanningData data) =>
        ReceivingWarehouse.Choose("IVD-0001", data, ReplenishmentPlanner.CustomersByCode(data), Warehouses, Today);

    private static PlanningData Data(DemandLine[] demand, StockBatch[] batches) =>
        new([new ProductInfo("IVD-0001", "Kit", 31)], batches, demand, [], Customers);

    private static DemandLine Line(string date, string customer, decimal quantity) =>
        new(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), customer, "IVD-0001", quantity);

    private static StockBatch Batch(string warehouse, decimal quantity, decimal reserved = 0m, string status = "available") =>
        new("B-" + warehouse, "IVD-0001", warehouse, quantity, reserved, new DateOnly(2028, 1, 1), status);
}
