using System.Globalization;
using System.Text.Json.Nodes;

namespace WorkflowKit.Replenishment.Tests.Support;

/// <summary>
/// A small dataset whose shortfalls can be computed by hand, as of 2026-12-01 in Shanghai.
/// </summary>
/// <remarks>
/// <para>Orders on the 15th of each month from 2023-12 to 2026-11. IVD-0001 sells 300 a month in total:
/// C0001 (east, sales-east-1) 150, C0002 (north, sales-north-1) 100 and C0003 (east, sales-east-2) 50, except in
/// December and January, when C0001 orders none, C0002 200 and C0003 100. IVD-0002 and IVD-0003 sell 300 a month
/// to C0001. A cancelled order of 5000 IVD-0001 in 2026-11 is not demand.</para>
/// <para>Stock of IVD-0001: A1 available, 120 of which 20 reserved, expiring 2027-12-31 (usable, free 100); A2
/// expired (500); A3 quarantined (400); A4 available (200) but expiring 2027-01-10, less than the 60 days of shelf
/// life required on 2026-12-01. IVD-0002: 1000 usable. IVD-0003: 100 usable and a submitted plan of 250 due
/// 2026-12-20. All three have a lead time of 31 days.</para>
/// </remarks>
internal static class CraftedHistory
{
    public static readonly DateOnly Today = new(2026, 12, 1);

    /// <summary>05:00 in Shanghai on <see cref="Today"/>, one hour before the watch's 06:00 schedule.</summary>
    public static readonly DateTimeOffset BeforeRun = new(2026, 11, 30, 21, 0, 0, TimeSpan.Zero);

    public static async Task LoadAsync(ReplenishmentWorld world)
    {
        foreach (var code in new[] { "IVD-0001", "IVD-0002", "IVD-0003" })
        {
            await world.AddAsync("product", new JsonObject
            {
                ["code"] = code, ["name"] = "Product " + code, ["leadTimeDays"] = 31, ["active"] = true,
            });
        }

        await world.AddAsync("customer", Customer("C0001", "east", "sales-east-1"));
        await world.AddAsync("customer", Customer("C0002", "north", "sales-north-1"));
        await world.AddAsync("customer", Customer("C0003", "east", "sales-east-2"));

        await world.AddAsync("stock-batch", Batch("A1", "IVD-0001", 120, 20, "2027-12-31", "available"));
        await world.AddAsync("stock-batch", Batch("A2", "IVD-0001", 500, 0, "2026-11-20", "expired"));
        await world.AddAsync("stock-batch", Batch("A3", "IVD-0001", 400, 0, "2027-10-01", "quarantined"));
        await world.AddAsync("stock-batch", Batch("A4", "IVD-0001", 200, 0, "2027-01-10", "available"));
        await world.AddAsync("stock-batch", Batch("B1", "IVD-0002", 1000, 0, "2028-06-30", "available"));
        await world.AddAsync("stock-batch", Batch("C1", "IVD-0003", 100, 0, "2028-06-30", "available"));

        await world.AddAsync("purchase-plan", new JsonObject
        {
            ["product"] = "IVD-0003", ["period"] = "2026-12", ["quantity"] = 250, ["status"] = "submitted",
            ["expectedArrival"] = "2026-12-20",
        });

        for (var month = new DateOnly(2023, 12, 1); month < new DateOnly(2026, 12, 1); month = month.AddMonths(1))
        {
            var winter = month.Month is 12 or 1;
            var date = month.AddDays(14);
            var c1Lines = new List<(string, int)> { ("IVD-0002", 300), ("IVD-0003", 300) };
            if (!winter)
            {
                c1Lines.Add(("IVD-0001", 150));
            }

            await world.AddAsync("order", Order("C0001", date, "shipped", [.. c1Lines]));
            await world.AddAsync("order", Order("C0002", date, "shipped", ("IVD-0001", winter ? 200 : 100)));
            await world.AddAsync("order", Order("C0003", date, "shipped", ("IVD-0001", winter ? 100 : 50)));
        }

        await world.AddAsync("order", Order("C0001", new DateOnly(2026, 11, 20), "cancelled", ("IVD-0001", 5000)));
    }

    public static JsonObject Batch(
        string batchNo, string product, int quantity, int reserved, string expiry, string status) => new()
    {
        ["batchNo"] = batchNo, ["product"] = product, ["warehouse"] = "sh", ["quantity"] = quantity,
        ["reservedQuantity"] = reserved, ["expiryDate"] = expiry, ["status"] = status,
    };

    private static JsonObject Customer(string code, string region, string owner) => new()
    {
        ["code"] = code, ["name"] = "Customer " + code, ["region"] = region, ["salesOwner"] = owner,
    };

    private static JsonObject Order(string customer, DateOnly date, string status, params (string Product, int Quantity)[] lines)
    {
        var rows = new JsonArray();
        foreach (var (product, quantity) in lines)
        {
            rows.Add(new JsonObject { ["product"] = product, ["quantity"] = quantity, ["unitPrice"] = 10m });
        }

        return new JsonObject
        {
            ["customer"] = customer,
            ["orderDate"] = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["status"] = status,
            ["lines"] = rows,
        };
    }
}
