using System.Globalization;
using WorkflowKit.Samples.Model;

namespace WorkflowKit.Samples.Generation;

/// <summary>
/// Builds three to six batches per product with expiry dates spread over expired, within 30, 60
/// and 90 days, and later. Half of the expired batches are still marked available, so that the
/// batch-expiry watch has work on its first run. The other half are quarantined with the expired
/// alert, as the watch leaves them, and a few later batches are quarantined for quality.
/// </summary>
internal static class StockFactory
{
    /// <summary>Cumulative shares of the expiry buckets: expired, 0-30, 31-60, 61-90 days, later.</summary>
    private static readonly decimal[] BucketLimits = [0.08m, 0.18m, 0.28m, 0.38m, 1m];

    private static readonly (string Warehouse, decimal Share)[] Warehouses =
        [("sh", 0.35m), ("bj", 0.25m), ("gz", 0.20m), ("cd", 0.20m)];

    public static List<SampleBatch> Create(SeededRandom random, IReadOnlyList<SampleProduct> products, DateOnly today)
    {
        var batches = new List<SampleBatch>();
        var batchNumbers = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (product, index) in products.Select((product, index) => (product, index + 1)))
        {
            var shelfLifeDays = product.ShelfLifeMonths * 30;
            var count = random.Between(3, 6);
            for (var i = 0; i < count; i++)
            {
                var bucket = Bucket(random.NextUnit());
                var daysLeft = bucket switch
                {
                    0 => random.Between(-60, -1),
                    1 => random.Between(0, 30),
                    2 => random.Between(31, 60),
                    3 => random.Between(61, 90),
                    _ => random.Between(91, shelfLifeDays - 14),
                };
                var expiry = today.AddDays(daysLeft);
                var manufactured = expiry.AddMonths(-product.ShelfLifeMonths);
                var tens = (int)Math.Round(product.BaseMonthlyUnits * random.Between(8m, 30m) / 10m);
                var quantity = Math.Max(20, tens * 10);
                var (status, alert) = bucket == 0
                    ? random.Chance(0.5m) ? ("available", "none") : ("quarantined", "expired")
                    : bucket == 4 && random.Chance(0.04m) ? ("quarantined", "none") : ("available", "none");
                var reserved = status == "available" && bucket > 0 && random.Chance(0.25m)
                    ? (int)Math.Round(quantity * random.Between(0.05m, 0.3m))
                    : 0;
                batches.Add(new SampleBatch(
                    BatchNumber(manufactured, index, batchNumbers), product.Code, Warehouse(random), quantity,
                    reserved, manufactured, expiry, status, alert));
            }
        }

        return batches;
    }

    private static int Bucket(decimal draw) => Array.FindIndex(BucketLimits, limit => draw < limit);

    private static string Warehouse(SeededRandom random)
    {
        var draw = random.NextUnit();
        foreach (var (warehouse, share) in Warehouses)
        {
            if (draw < share)
            {
                return warehouse;
            }

            draw -= share;
        }

        return Warehouses[^1].Warehouse;
    }

    /// <summary>Batch numbers read yyMMdd of manufacture, the product's catalogue number and a letter.</summary>
    private static string BatchNumber(DateOnly manufactured, int productIndex, HashSet<string> used)
    {
        for (var letter = 'A'; letter <= 'Z'; letter++)
        {
            var number = string.Create(CultureInfo.InvariantCulture, $"{manufactured:yyMMdd}{productIndex:D2}{letter}");
            if (used.Add(number))
            {
                return number;
            }
        }

        throw new InvalidOperationException(
            $"More than 26 batches of product {productIndex} were made on {manufactured:yyyy-MM-dd}; " +
            "the batch number format allows 26 a day.");
    }
}
