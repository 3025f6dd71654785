using WorkflowKit.Samples.Generation;
using WorkflowKit.Samples.Output;

namespace WorkflowKit.Samples;

/// <summary>
/// Generates the biopharma sample data: 60 customers across four regions, 40 products, stock
/// batches with spread expiry dates, three years of seasonal orders, an ERP receivables export, the
/// finance overdue ledger, long-form sales history and demo users. The same seed and date always
/// give byte-identical files; dates are relative to <c>today</c>, so batches expiring "within 30
/// days" stay that way whenever the data is generated.
/// </summary>
public static class SampleDataGenerator
{
    /// <summary>Seed of the snapshot committed under samples/data.</summary>
    public const int DefaultSeed = 20240601;

    /// <summary>Date of the snapshot committed under samples/data.</summary>
    public static DateOnly SnapshotDate { get; } = new(2026, 12, 1);

    private static readonly DateOnly EarliestToday = new(2000, 1, 1);

    /// <summary>
    /// Generates the sample data for <paramref name="today"/> and writes it to <paramref name="outputFolder"/>,
    /// replacing files of the same names.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="today"/> is before 2000-01-01.</exception>
    public static SampleDataSummary Generate(int seed, DateOnly today, string outputFolder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputFolder);
        if (today < EarliestToday)
        {
            throw new ArgumentOutOfRangeException(
                nameof(today),
                today,
                "Expected a date from 2000-01-01 on; the order history reaches three years back.");
        }

        var world = SampleWorldBuilder.Build(seed, today);
        SampleDataWriter.Write(world, outputFolder);
        return new SampleDataSummary(
            Path.GetFullPath(outputFolder),
            SampleFiles.All,
            world.Customers.Count,
            world.Products.Count,
            world.Batches.Count,
            world.Orders.Count,
            world.Orders.Sum(order => order.Lines.Count),
            world.Receivables.Count,
            world.OverdueLedger.Count,
            world.Users.Count);
    }
}
