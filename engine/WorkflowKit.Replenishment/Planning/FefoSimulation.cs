namespace WorkflowKit.Replenishment.Planning;

/// <summary>
/// Consumes forecast demand from stock day by day, first expired first out (FEFO), and reports what each batch
/// covers and what is left when the batch can no longer be used.
/// </summary>
/// <remarks>
/// <para>Only batches with status "available" and free (unreserved) units take part. Batches are used in order of
/// expiry date (ties by batch number); a batch without an expiry date comes last and never runs out of shelf
/// life.</para>
/// <para>Each day's demand is split by the <see cref="ShelfLifeMix"/>. The share of customers who need d days of
/// shelf life can take a batch only while the batch expires at least d days after that day. The shares are served
/// in ascending order of d, each from the earliest-expiring batch it may take, so the customers who accept short
/// shelf life use up the short-dated batches first and leave the long-dated ones for the stricter customers. A
/// batch's last usable day is its expiry date minus the smallest d of the mix.</para>
/// </remarks>
public static class FefoSimulation
{
    /// <summary>
    /// Runs the simulation over <paramref name="days"/> days starting with <paramref name="today"/>, with every
    /// customer needing <paramref name="minShelfLifeDays"/> of shelf life.
    /// </summary>
    public static FefoResult Run(
        IEnumerable<StockBatch> batches, DemandCurve demand, DateOnly today, int days, int minShelfLifeDays) =>
        Run(batches, demand, today, days, ShelfLifeMix.Uniform(minShelfLifeDays));

    /// <summary>Runs the simulation over <paramref name="days"/> days starting with <paramref name="today"/>.</summary>
    public static FefoResult Run(
        IEnumerable<StockBatch> batches, DemandCurve demand, DateOnly today, int days, ShelfLifeMix mix)
    {
        ArgumentNullException.ThrowIfNull(batches);
        ArgumentNullException.ThrowIfNull(demand);
        ArgumentNullException.ThrowIfNull(mix);
        ArgumentOutOfRangeException.ThrowIfNegative(days);

        var usable = batches
            .Where(batch => IsUsableOn(batch, today, mix.LeastDays) && batch.FreeQuantity > 0m)
            .OrderBy(batch => batch.ExpiryDate ?? DateOnly.MaxValue)
            .ThenBy(batch => batch.BatchNo, StringComparer.Ordinal)
            .Select(batch => new BatchState(batch, LastUsableDay(batch, mix.LeastDays)))
            .ToList();

        var demanded = 0m;
        var covered = 0m;
        var fullyCoveredDays = 0m;
        var coverEnded = false;
        for (var offset = 0; offset < days; offset++)
        {
            var day = today.AddDays(offset);
            var need = demand.OnDay(day);
            demanded += need;
            var unmet = 0m;
            foreach (var share in mix.Shares)
            {
                unmet += Serve(usable, day, need * share.Share, share.MinShelfLifeDays);
            }

            covered += need - unmet;
            if (!coverEnded)
            {
                if (unmet == 0m)
                {
                    fullyCoveredDays += 1m;
                }
                else
                {
                    fullyCoveredDays += need == 0m ? 0m : (need - unmet) / need;
                    coverEnded = true;
                }
            }
        }

        var windowEnd = today.AddDays(days - 1);
        var outcomes = usable
            .Select(state => new BatchOutcome(
                state.Batch, state.Consumed, state.Remaining, state.LastUsableDay,
                AtRisk: state.Remaining > 0m && state.LastUsableDay is { } last && last <= windowEnd))
            .ToList();
        return new FefoResult(demanded, covered, fullyCoveredDays, !coverEnded, outcomes);
    }

    /// <summary>Whether a batch counts as usable stock on <paramref name="day"/>.</summary>
    public static bool IsUsableOn(StockBatch batch, DateOnly day, int minShelfLifeDays)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (!string.Equals(batch.Status, "available", StringComparison.Ordinal))
        {
            return false;
        }

        return LastUsableDay(batch, minShelfLifeDays) is not { } last || last >= day;
    }

    /// <summary>Takes <paramref name="need"/> units from the batches in FEFO order and returns the units not served.</summary>
    private static decimal Serve(List<BatchState> batches, DateOnly day, decimal need, int minShelfLifeDays)
    {
        var unmet = need;
        foreach (var state in batches)
        {
            if (unmet == 0m)
            {
                break;
            }

            if (state.Remaining == 0m || LastUsableDay(state.Batch, minShelfLifeDays) < day)
            {
                continue;
            }

            var taken = Math.Min(state.Remaining, unmet);
            state.Remaining -= taken;
            state.Consumed += taken;
            unmet -= taken;
        }

        return unmet;
    }

    private static DateOnly? LastUsableDay(StockBatch batch, int minShelfLifeDays) =>
        batch.ExpiryDate?.AddDays(-minShelfLifeDays);

    private sealed class BatchState(StockBatch batch, DateOnly? lastUsableDay)
    {
        public StockBatch Batch { get; } = batch;

        public DateOnly? LastUsableDay { get; } = lastUsableDay;

        public decimal Remaining { get; set; } = batch.FreeQuantity;

        public decimal Consumed { get; set; }
    }
}

/// <summary>Outcome of a <see cref="FefoSimulation"/> run.</summary>
/// <param name="Demand">Forecast units over the window.</param>
/// <param name="Covered">Units of that demand the usable batches serve.</param>
/// <param name="CoverDays">Days from the first day until stock first falls short, with the served share of that day.</param>
/// <param name="CoversWholeWindow">True when no day of the window falls short, so the cover is at least the window.</param>
/// <param name="Batches">Every usable batch in FEFO order.</param>
public sealed record FefoResult(
    decimal Demand, decimal Covered, decimal CoverDays, bool CoversWholeWindow, IReadOnlyList<BatchOutcome> Batches);

/// <summary>What one batch serves in a <see cref="FefoSimulation"/> run.</summary>
/// <param name="Batch">The batch.</param>
/// <param name="Consumed">Units of forecast demand the batch serves in the window.</param>
/// <param name="Remaining">Free units left at the end of the window or when the batch stopped being usable.</param>
/// <param name="LastUsableDay">
/// Expiry date minus the smallest minimum remaining shelf life of the mix; null without an expiry date.
/// </param>
/// <param name="AtRisk">True when units are left on the batch's last usable day inside the window.</param>
public sealed record BatchOutcome(
    StockBatch Batch, decimal Consumed, decimal Remaining, DateOnly? LastUsableDay, bool AtRisk);
