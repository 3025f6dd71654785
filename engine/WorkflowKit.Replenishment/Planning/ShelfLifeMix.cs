namespace WorkflowKit.Replenishment.Planning;

/// <summary>
/// Split of a product's demand by the minimum remaining shelf life its customers accept, as shares of the units
/// they ordered. A batch serves a customer on a day only while it keeps at least that customer's minimum.
/// </summary>
public sealed class ShelfLifeMix
{
    private ShelfLifeMix(IReadOnlyList<ShelfLifeShare> shares)
    {
        Shares = shares;
    }

    /// <summary>Shares by minimum shelf life in ascending order of days. The shares add up to 1.</summary>
    public IReadOnlyList<ShelfLifeShare> Shares { get; }

    /// <summary>
    /// Smallest minimum in the mix. The last day on which a batch can serve any customer is its expiry minus this.
    /// </summary>
    public int LeastDays => Shares[0].MinShelfLifeDays;

    /// <summary>Creates a mix in which all demand needs the same minimum shelf life.</summary>
    public static ShelfLifeMix Uniform(int minShelfLifeDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minShelfLifeDays);
        return new ShelfLifeMix([new ShelfLifeShare(minShelfLifeDays, 1m)]);
    }

    /// <summary>
    /// Weighs each customer's <see cref="CustomerInfo.MinShelfLifeDays"/> by the units it ordered of
    /// <paramref name="product"/> in the history window [<paramref name="from"/>, <paramref name="until"/>).
    /// Lines without a customer, or whose customer is not in <paramref name="customers"/> or has no minimum,
    /// count with <paramref name="defaultDays"/>. Without positive demand the mix is uniform at the default.
    /// </summary>
    public static ShelfLifeMix FromDemand(
        IEnumerable<DemandLine> demand,
        IReadOnlyDictionary<string, CustomerInfo> customers,
        string product,
        DateOnly from,
        DateOnly until,
        int defaultDays)
    {
        ArgumentNullException.ThrowIfNull(demand);
        ArgumentNullException.ThrowIfNull(customers);

        var unitsByDays = new SortedDictionary<int, decimal>();
        foreach (var line in demand)
        {
            if (line.Product != product || line.Date < from || line.Date >= until || line.Quantity <= 0m)
            {
                continue;
            }

            var days = line.Customer is { } code && customers.TryGetValue(code, out var customer)
                ? customer.MinShelfLifeDays ?? defaultDays
                : defaultDays;
            unitsByDays[days] = unitsByDays.GetValueOrDefault(days) + line.Quantity;
        }

        var total = unitsByDays.Values.Sum();
        if (total <= 0m)
        {
            return Uniform(defaultDays);
        }

        return new ShelfLifeMix([.. unitsByDays.Select(pair => new ShelfLifeShare(pair.Key, pair.Value / total))]);
    }
}

/// <summary>Share of demand, between 0 and 1, whose customers need at least <paramref name="MinShelfLifeDays"/> left.</summary>
public sealed record ShelfLifeShare(int MinShelfLifeDays, decimal Share);
