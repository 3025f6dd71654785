namespace WorkflowKit.Replenishment.Planning;

/// <summary>
/// Chooses the warehouse that receives a product's replenishment, and so the warehouse staff who prepare for it.
/// </summary>
/// <remarks>
/// The stock goes where the product's demand is, so that as little as possible moves between warehouses afterwards:
/// the warehouse of the region whose customers ordered the most units of the product in the last
/// <see cref="ShelfLifeMix.RecentMonths"/> full months. Without such orders it is the warehouse with the most
/// free units of the product in available batches, and without those the first warehouse of
/// <see cref="ReplenishmentSettings.Warehouses"/>. Ties go to the warehouse listed first.
/// </remarks>
internal static class ReceivingWarehouse
{
    /// <summary>
    /// Returns the receiving warehouse of <paramref name="product"/> with the region it serves, or null when
    /// <paramref name="warehouses"/> is empty.
    /// </summary>
    public static RegionWarehouse? Choose(
        string product,
        PlanningData data,
        IReadOnlyDictionary<string, CustomerInfo> customers,
        IReadOnlyList<RegionWarehouse> warehouses,
        DateOnly today)
    {
        if (warehouses.Count == 0)
        {
            return null;
        }

        var until = MonthlyDemandForecast.MonthStart(today);
        var from = until.AddMonths(-ShelfLifeMix.RecentMonths);
        var unitsByRegion = data.Demand
            .Where(line => line.Product == product && line.Date >= from && line.Date < until)
            .Select(line => (Region: RegionOf(line, customers), line.Quantity))
            .Where(pair => pair.Region is not null)
            .GroupBy(pair => pair.Region!, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Sum(pair => pair.Quantity), StringComparer.Ordinal);
        var byDemand = Largest(warehouses, entry => unitsByRegion.GetValueOrDefault(entry.Region));
        if (byDemand is not null)
        {
            return byDemand;
        }

        var freeByWarehouse = data.Batches
            .Where(batch => batch.Product == product && batch.Status == "available" && batch.Warehouse is not null)
            .GroupBy(batch => batch.Warehouse!, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Sum(batch => batch.FreeQuantity), StringComparer.Ordinal);
        return Largest(warehouses, entry => freeByWarehouse.GetValueOrDefault(entry.Warehouse)) ?? warehouses[0];
    }

    private static string? RegionOf(DemandLine line, IReadOnlyDictionary<string, CustomerInfo> customers) =>
        line.Customer is { } code && customers.TryGetValue(code, out var customer) ? customer.Region : null;

    /// <summary>Returns the first entry with the largest positive units, or null when none has any.</summary>
    private static RegionWarehouse? Largest(IReadOnlyList<RegionWarehouse> warehouses, Func<RegionWarehouse, decimal> units)
    {
        RegionWarehouse? best = null;
        var bestUnits = 0m;
        foreach (var entry in warehouses)
        {
            var entryUnits = units(entry);
            if (entryUnits > bestUnits)
            {
                best = entry;
                bestUnits = entryUnits;
            }
        }

        return best;
    }
}
