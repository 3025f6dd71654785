using WorkflowKit.Forecasting;

namespace WorkflowKit.Replenishment.Planning;

/// <summary>
/// Compares forecast demand over each product's lead time with its usable stock and incoming supply.
/// </summary>
/// <remarks>
/// <para>Demand: the monthly forecast of <see cref="DemandForecaster"/> from the order lines, spread over the
/// days of each month (<see cref="DemandCurve"/>), summed over the lead time from today.</para>
/// <para>Stock: <see cref="FefoSimulation"/> serves that demand from available, unreserved batches in order of
/// expiry. Each customer's share of the demand, by the units per month it ordered lately (see
/// <see cref="ShelfLifeMix.FromDemand"/>), needs that customer's minimum remaining shelf life, or <see cref="ReplenishmentSettings.MinShelfLifeDays"/> when the
/// customer is unknown or sets none. Units a batch still holds when no customer may take it any more are not
/// counted.</para>
/// <para>A product falls short when demand minus covered stock minus open purchase plans due within the lead time
/// is above zero. The suggested quantity covers the lead time plus <see cref="ReplenishmentSettings.ReviewDays"/>
/// the same way, counting plans due within that longer window.</para>
/// <para>A short product with a plan in a pending status (a replenishment still being worked out) is reported as
/// pending, not short.</para>
/// </remarks>
public static class ReplenishmentPlanner
{
    /// <summary>Computes the position of every active product on <paramref name="today"/>.</summary>
    /// <exception cref="ArgumentException">A setting is out of range.</exception>
    public static ReplenishmentPlan Plan(
        PlanningData data, DateOnly today, ReplenishmentSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();

        var products = data.Products.Where(product => product.Active).OrderBy(p => p.Code, StringComparer.Ordinal).ToList();
        var longestWindow = products.Count == 0 ? 0 : products.Max(product => product.LeadTimeDays) + settings.ReviewDays;
        var months = MonthsSpanned(today, longestWindow);
        var forecasts = MonthlyDemandForecast.ByProduct(
            data.Demand, products.Select(product => product.Code), today, months, settings, cancellationToken);

        var customers = CustomersByCode(data);
        var positions = new List<ProductPosition>();
        foreach (var product in products)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var forecast = forecasts.GetValueOrDefault(product.Code);
            var curve = forecast?.Curve ?? new DemandCurve(new Dictionary<DateOnly, decimal>());
            var mix = ShelfLifeMixOf(data, customers, product.Code, today, settings.HistoryMonths, settings.MinShelfLifeDays);
            positions.Add(Position(product, curve, forecast?.Model ?? "none", mix, data, today, settings));
        }

        var shortProducts = positions.Where(p => p.Shortfall > 0m && p.PendingPlanNo is null)
            .Select(p => p.Product).ToHashSet(StringComparer.Ordinal);
        if (shortProducts.Count > 0)
        {
            positions = AddConfirmations(positions, shortProducts, data, today, settings, cancellationToken);
            positions = [.. positions.Select(position => shortProducts.Contains(position.Product)
                ? position with
                {
                    Receiving = ReceivingWarehouse.Choose(position.Product, data, customers, settings.Warehouses, today),
                }
                : position)];
        }

        return new ReplenishmentPlan(today, positions);
    }

    /// <summary>
    /// Splits a product's demand by its customers' minimum shelf life, weighing each customer by its orders of the
    /// last <see cref="ShelfLifeMix.RecentMonths"/> full months, or of the history window that the forecast reads
    /// when it has none in those months.
    /// </summary>
    internal static ShelfLifeMix ShelfLifeMixOf(
        PlanningData data, IReadOnlyDictionary<string, CustomerInfo> customers, string product, DateOnly today,
        int historyMonths, int defaultDays)
    {
        var until = MonthlyDemandForecast.MonthStart(today);
        return ShelfLifeMix.FromDemand(
            data.Demand, customers, product, until, historyMonths, ShelfLifeMix.RecentMonths, defaultDays);
    }

    /// <summary>Indexes the customers by code; the first record wins when a code repeats.</summary>
    internal static Dictionary<string, CustomerInfo> CustomersByCode(PlanningData data) =>
        data.Customers
            .GroupBy(customer => customer.Code, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.First(), StringComparer.Ordinal);

    /// <summary>How many calendar months, from today's month on, a window of <paramref name="days"/> days touches.</summary>
    public static int MonthsSpanned(DateOnly today, int days)
    {
        var last = today.AddDays(Math.Max(days, 1) - 1);
        return ((last.Year - today.Year) * 12) + last.Month - today.Month + 1;
    }

    private static ProductPosition Position(
        ProductInfo product, DemandCurve curve, string model, ShelfLifeMix mix, PlanningData data, DateOnly today,
        ReplenishmentSettings settings)
    {
        var batches = data.Batches.Where(batch => batch.Product == product.Code).ToList();
        var usable = batches.Where(batch => FefoSimulation.IsUsableOn(batch, today, mix.LeastDays)).ToList();
        var usableStock = usable.Sum(batch => batch.FreeQuantity);
        var unusableStock = batches.Except(usable).Sum(batch => batch.FreeQuantity);

        var lead = product.LeadTimeDays;
        var leadRun = FefoSimulation.Run(usable, curve, today, lead, mix);
        var incomingLead = Incoming(data, product.Code, today.AddDays(lead - 1));
        var shortfall = RoundUp(Math.Max(0m, leadRun.Demand - leadRun.Covered - incomingLead));

        var suggested = 0m;
        if (shortfall > 0m)
        {
            var window = lead + settings.ReviewDays;
            var windowRun = FefoSimulation.Run(usable, curve, today, window, mix);
            var incomingWindow = Incoming(data, product.Code, today.AddDays(window - 1));
            suggested = Math.Max(shortfall, RoundUp(windowRun.Demand - windowRun.Covered - incomingWindow));
        }

        var pending = data.Incoming.FirstOrDefault(plan => plan.Product == product.Code
            && plan.Status is { } status && settings.PendingPlanStatuses.Contains(status));
        return new ProductPosition(
            product.Code, product.Name, lead, decimal.Round(leadRun.Demand, 2), usableStock, unusableStock,
            decimal.Round(leadRun.Covered, 2), incomingLead, shortfall, suggested, model, [])
        {
            PendingPlanNo = pending is null ? null : string.IsNullOrWhiteSpace(pending.PlanNo) ? "(no number)" : pending.PlanNo,
        };
    }

    /// <summary>
    /// Rounds up to whole units after rounding to 4 decimals, so that a month's forecast spread over its days and
    /// summed again (300 / 31 * 31 = 300.00000000000000000000000001) does not gain a unit.
    /// </summary>
    private static decimal RoundUp(decimal quantity) => Math.Ceiling(decimal.Round(quantity, 4));

    private static decimal Incoming(PlanningData data, string product, DateOnly until) =>
        data.Incoming
            .Where(plan => plan.Product == product && (plan.ExpectedArrival is not { } arrival || arrival <= until))
            .Sum(plan => plan.Quantity);

    private static List<ProductPosition> AddConfirmations(
        List<ProductPosition> positions, HashSet<string> shortProducts, PlanningData data, DateOnly today,
        ReplenishmentSettings settings, CancellationToken cancellationToken)
    {
        var longestLead = positions.Where(p => shortProducts.Contains(p.Product)).Max(p => p.LeadTimeDays);
        var forecasts = MonthlyDemandForecast.ByCustomer(
            data.Demand, shortProducts, today, ComparisonMonths(longestLead), settings, cancellationToken);
        var customers = CustomersByCode(data);
        var thisMonth = MonthlyDemandForecast.MonthStart(today);
        var productInfo = data.Products
            .GroupBy(product => product.Code, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.First(), StringComparer.Ordinal);

        return positions.Select(position =>
        {
            if (!shortProducts.Contains(position.Product))
            {
                return position;
            }

            var months = ComparisonMonths(position.LeadTimeDays);
            var confirmations = new List<DemandConfirmation>();
            foreach (var (series, customerForecast) in forecasts.Where(pair => pair.Key.Product == position.Product))
            {
                if (series.Customer is not { } code || !customers.TryGetValue(code, out var customer)
                    || string.IsNullOrWhiteSpace(customer.SalesOwner))
                {
                    continue;
                }

                var forecast = Enumerable.Range(0, months)
                    .Sum(offset => customerForecast.Curve.Months.TryGetValue(thisMonth.AddMonths(offset), out var units) ? units : 0m);
                var recent = data.Demand
                    .Where(line => line.Customer == code && line.Product == position.Product
                        && line.Date >= thisMonth.AddMonths(-months) && line.Date < thisMonth)
                    .Sum(line => line.Quantity);
                if (forecast - recent >= 1m && forecast > recent * (1m + settings.RiseThreshold))
                {
                    confirmations.Add(new DemandConfirmation(
                        code, customer.Name, customer.Region, customer.SalesOwner, recent,
                        productInfo[position.Product].RoundQuantity(forecast)));
                }
            }

            return position with
            {
                Confirmations = [.. confirmations
                    .OrderBy(c => c.Region, StringComparer.Ordinal)
                    .ThenBy(c => c.SalesOwner, StringComparer.Ordinal)
                    .ThenBy(c => c.Customer, StringComparer.Ordinal)],
            };
        }).ToList();
    }

    /// <summary>Months compared for a customer's rise: the lead time in months, rounded up, at least one.</summary>
    private static int ComparisonMonths(int leadTimeDays) => Math.Max(1, (int)Math.Ceiling(leadTimeDays / 30.0));
}
