namespace WorkflowKit.Replenishment.Planning;

/// <summary>The planner's result for one day: the position of every active product, and which ones fall short.</summary>
public sealed record ReplenishmentPlan(DateOnly AsOf, IReadOnlyList<ProductPosition> Products)
{
    /// <summary>
    /// Products whose usable stock and incoming supply do not cover forecast demand over the lead time, and that have
    /// no replenishment under way.
    /// </summary>
    public IEnumerable<ProductPosition> Shortfalls =>
        Products.Where(product => product.Shortfall > 0m && product.PendingPlanNo is null);

    /// <summary>Short products left alone because a plan of theirs is still being worked out (see <see cref="ProductPosition.PendingPlanNo"/>).</summary>
    public IEnumerable<ProductPosition> Pending =>
        Products.Where(product => product.Shortfall > 0m && product.PendingPlanNo is not null);
}

/// <summary>Stock against forecast demand for one product. Quantities are in the product's unit.</summary>
/// <param name="Product">Product code.</param>
/// <param name="ProductName">Product name, or null.</param>
/// <param name="LeadTimeDays">Purchase lead time in calendar days.</param>
/// <param name="ForecastDemand">Forecast units over the lead time, starting today.</param>
/// <param name="UsableStock">Free units of batches usable today (available, unreserved, enough shelf life left).</param>
/// <param name="UnusableStock">Units left out: quarantined or expired batches and batches with too little shelf life.</param>
/// <param name="CoveredByStock">Units of the lead-time demand that usable batches serve, FEFO, before they run out of shelf life.</param>
/// <param name="IncomingQuantity">Units of open purchase plans expected within the lead time.</param>
/// <param name="Shortfall">Forecast demand not covered by stock or incoming supply, rounded up to whole units.</param>
/// <param name="SuggestedQuantity">Units to order so that the lead time plus the review period is covered; at least the shortfall.</param>
/// <param name="Model">Forecast model chosen for the product.</param>
/// <param name="Confirmations">Customers whose forecast rose, for their sales owners to confirm.</param>
public sealed record ProductPosition(
    string Product,
    string? ProductName,
    int LeadTimeDays,
    decimal ForecastDemand,
    decimal UsableStock,
    decimal UnusableStock,
    decimal CoveredByStock,
    decimal IncomingQuantity,
    decimal Shortfall,
    decimal SuggestedQuantity,
    string Model,
    IReadOnlyList<DemandConfirmation> Confirmations)
{
    /// <summary>
    /// Number of the product's purchase plan in a pending status (<see cref="ReplenishmentSettings.PendingPlanStatuses"/>),
    /// whose replenishment has not finished yet; null when there is none. An empty plan number counts as "(no number)".
    /// </summary>
    public string? PendingPlanNo { get; init; }

    /// <summary>
    /// Warehouse that receives the replenishment and the region it serves, set for short products only, and null
    /// when <see cref="ReplenishmentSettings.Warehouses"/> is empty.
    /// </summary>
    public RegionWarehouse? Receiving { get; init; }
}

/// <summary>A customer whose forecast for a short product rose above its recent demand.</summary>
/// <param name="Customer">Customer code.</param>
/// <param name="CustomerName">Customer name, or null.</param>
/// <param name="Region">Region of the customer, or null.</param>
/// <param name="SalesOwner">User id of the customer's sales owner.</param>
/// <param name="RecentQuantity">Units ordered in the last full months, as many months as the comparison spans.</param>
/// <param name="ForecastQuantity">
/// Forecast units for the same number of months from the current month on, rounded to the product's
/// <see cref="ProductInfo.QuantityDecimals"/>, because the salesperson confirms it as an order quantity.
/// </param>
public sealed record DemandConfirmation(
    string Customer,
    string? CustomerName,
    string? Region,
    string SalesOwner,
    decimal RecentQuantity,
    decimal ForecastQuantity);
