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

    /// <summary>Number of latest full months whose orders weigh a customer who ordered in them. Default 12.</summary>
    public const int RecentMonths = 12;

    /// <summary>
    /// Weighs each customer's <see cref="CustomerInfo.MinShelfLifeDays"/> by the units per month it ordered of
    /// <paramref name="product"/> in the <paramref name="recentMonths"/> full months before
    /// <paramref name="until"/>, so that a customer whose orders rose or fell lately gets its present share. A
    /// customer without orders in those months is weighed by its units per month over the
    /// <paramref name="historyMonths"/> before <paramref name="until"/> instead, so a customer who orders less
    /// than once in the recent window still counts. When no customer ordered in the recent window, the mix is
    /// therefore the share of each customer over the whole history. Lines without a customer, or whose customer
    /// is not in <paramref name="customers"/> or has no minimum, count with <paramref name="defaultDays"/>, and
    /// lines without a customer are weighed together as one customer. Without positive demand the mix is
    /// uniform at the default.
    /// </summary>
    /// <remarks>
    /// <para><paramref name="until"/> is the first day after the history, normally the first day of the current
    /// month. Both month counts must be at least 1, and a recent window longer than the history is cut to it.</para>
    /// <para>NOTE: a customer who stopped ordering more than <paramref name="recentMonths"/> ago keeps its rate
    /// over the whole history, which overstates its share if it has left for good.</para>
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">A month count is zero or negative.</exception>
    public static ShelfLifeMix FromDemand(
        IEnumerable<DemandLine> demand,
        IReadOnlyDictionary<string, CustomerInfo> customers,
        string product,
        DateOnly until,
        int historyMonths,
        int recentMonths,
        int defaultDays)
    {
        ArgumentNullException.ThrowIfNull(demand);
        ArgumentNullException.ThrowIfNull(customers);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(historyMonths);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(recentMonths);

        recentMonths = Math.Min(recentMonths, historyMonths);
        var from = until.AddMonths(-historyMonths);
        var recentFrom = until.AddMonths(-recentMonths);
        var ordered = new Dictionary<string, CustomerUnits>(StringComparer.Ordinal);
        foreach (var line in demand)
        {
            if (line.Product != product || line.Date < from || line.Date >= until || line.Quantity <= 0m)
            {
                continue;
            }

            var key = line.Customer ?? string.Empty;
            var units = ordered.GetValueOrDefault(key);
            ordered[key] = line.Date >= recentFrom
                ? units with { All = units.All + line.Quantity, Recent = units.Recent + line.Quantity }
                : units with { All = units.All + line.Quantity };
        }

        var rateByDays = new SortedDictionary<int, decimal>();
        foreach (var (code, units) in ordered)
        {
            var days = code.Length > 0 && customers.TryGetValue(code, out var customer)
                ? customer.MinShelfLifeDays ?? defaultDays
                : defaultDays;
            var rate = units.Recent > 0m ? units.Recent / recentMonths : units.All / historyMonths;
            rateByDays[days] = rateByDays.GetValueOrDefault(days) + rate;
        }

        var total = rateByDays.Values.Sum();
        if (total <= 0m)
        {
            return Uniform(defaultDays);
        }

        return new ShelfLifeMix([.. rateByDays.Select(pair => new ShelfLifeShare(pair.Key, pair.Value / total))]);
    }

    /// <summary>Units a customer ordered over the whole history window and over its recent part.</summary>
    private readonly record struct CustomerUnits(decimal All, decimal Recent);
}

/// <summary>Share of demand, between 0 and 1, whose customers need at least <paramref name="MinShelfLifeDays"/> left.</summary>
public sealed record ShelfLifeShare(int MinShelfLifeDays, decimal Share);
