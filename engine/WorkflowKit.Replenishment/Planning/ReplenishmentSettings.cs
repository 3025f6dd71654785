namespace WorkflowKit.Replenishment.Planning;

/// <summary>The planner's parameters; a <c>service</c> node may override each one through its input.</summary>
public sealed record ReplenishmentSettings
{
    /// <summary>
    /// Days of shelf life a batch must still have on the day it is used, for demand whose customer is unknown or
    /// sets no <c>minShelfLifeDays</c> of its own. Default 60.
    /// </summary>
    public int MinShelfLifeDays { get; init; } = 60;

    /// <summary>
    /// Days of demand after the lead time that the suggested order also covers (the time until the next review).
    /// Default 30.
    /// </summary>
    public int ReviewDays { get; init; } = 30;

    /// <summary>
    /// Relative rise of a customer's forecast over its recent actual demand above which sales confirm it.
    /// Default 0.2 (20%).
    /// </summary>
    public decimal RiseThreshold { get; init; } = 0.2m;

    /// <summary>Full months of order history the forecast reads. Default 36.</summary>
    public int HistoryMonths { get; init; } = 36;

    /// <summary>Whether the product forecast may use the FastTree model; off makes a run several times faster.</summary>
    public bool UseFastTree { get; init; } = true;

    /// <summary>
    /// Whether the forecasts choose a model per month ahead (<see cref="Forecasting.ForecastOptions.PerStepSelection"/>).
    /// Default true. Without FastTree it raised the accuracy per product on the generated sample history at the 3 and
    /// 4 months that the watch forecasts (the figures are in docs/forecasting.md).
    /// </summary>
    public bool PerStepSelection { get; init; } = true;

    /// <summary>
    /// Warehouse of each sales region, in order of preference for ties. A short product's replenishment is received by
    /// one of them (see <see cref="ReceivingWarehouse"/>), and its warehouse task goes to that region's warehouse staff.
    /// Default empty, which leaves the receiving warehouse unset.
    /// </summary>
    public IReadOnlyList<RegionWarehouse> Warehouses { get; init; } = [];

    /// <summary>Order statuses whose lines are not demand. Default cancelled and blocked.</summary>
    public IReadOnlySet<string> ExcludedOrderStatuses { get; init; } =
        new HashSet<string>(["cancelled", "blocked"], StringComparer.Ordinal);

    /// <summary>Purchase plan statuses that count as incoming supply. Default draft to ordered.</summary>
    public IReadOnlySet<string> OpenPlanStatuses { get; init; } =
        new HashSet<string>(["draft", "submitted", "approved", "ordered"], StringComparer.Ordinal);

    /// <summary>
    /// Purchase plan statuses that mean a replenishment of the product is still being worked out (default draft, the
    /// status the replenishment flow creates its plan with). A short product with such a plan is reported as pending
    /// instead of short, so that a second run of the watch does not start a second replenishment of it.
    /// </summary>
    public IReadOnlySet<string> PendingPlanStatuses { get; init; } =
        new HashSet<string>(["draft"], StringComparer.Ordinal);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first value out of range.</summary>
    public void Validate()
    {
        if (MinShelfLifeDays is < 0 or > 3650)
        {
            throw new ArgumentException(
                $"minShelfLifeDays must be between 0 and 3650 days, got {MinShelfLifeDays}.", nameof(MinShelfLifeDays));
        }

        if (ReviewDays is < 0 or > 365)
        {
            throw new ArgumentException($"reviewDays must be between 0 and 365, got {ReviewDays}.", nameof(ReviewDays));
        }

        if (RiseThreshold is < 0m or > 10m)
        {
            throw new ArgumentException(
                $"riseThreshold must be between 0 and 10 (a share, 0.2 is 20%), got {RiseThreshold}.", nameof(RiseThreshold));
        }

        var regions = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in Warehouses)
        {
            if (string.IsNullOrWhiteSpace(entry.Region) || string.IsNullOrWhiteSpace(entry.Warehouse))
            {
                throw new ArgumentException(
                    $"warehouses maps region '{entry.Region}' to warehouse '{entry.Warehouse}'; both must be " +
                    "non-empty codes, for example { \"east\": \"sh\" }.",
                    nameof(Warehouses));
            }

            if (!regions.Add(entry.Region))
            {
                throw new ArgumentException(
                    $"warehouses names region '{entry.Region}' twice. Give each region one warehouse.", nameof(Warehouses));
            }
        }

        if (HistoryMonths is < 3 or > 120)
        {
            throw new ArgumentException(
                $"historyMonths must be between 3 and 120, got {HistoryMonths}.", nameof(HistoryMonths));
        }
    }
}
