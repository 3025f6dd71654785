namespace WorkflowKit.Replenishment.Dashboard;

/// <summary>Forecast against actual demand, stock cover and expiry risk per product, as of one day.</summary>
public sealed record ForecastDashboard(
    DateOnly AsOf, IReadOnlyList<ProductDemandRow> Products, IReadOnlyList<BatchExpiryRisk> BatchesAtRisk);

/// <summary>One product's row of the dashboard.</summary>
/// <param name="Product">Product code.</param>
/// <param name="ProductName">Product name, or null.</param>
/// <param name="Model">Forecast model chosen for the product.</param>
/// <param name="BacktestAccuracy">1 − WAPE of that model over its backtest, or null for a series too short to backtest.</param>
/// <param name="Months">Actual units for the last full months, then forecast units from the current month on.</param>
/// <param name="UsableStock">Free units of batches usable today.</param>
/// <param name="CoverDays">Days from today until usable stock no longer meets forecast demand, FEFO.</param>
/// <param name="CoverCapped">True when stock lasts the whole horizon, so <paramref name="CoverDays"/> is a lower bound.</param>
public sealed record ProductDemandRow(
    string Product,
    string? ProductName,
    string Model,
    double? BacktestAccuracy,
    IReadOnlyList<MonthDemand> Months,
    decimal UsableStock,
    decimal CoverDays,
    bool CoverCapped)
{
    /// <summary>
    /// Whether <see cref="Model"/> or a baseline that beat it in the backtest made the forecast
    /// (<see cref="Forecasting.ForecastOptions.CompareWithBaselines"/>).
    /// </summary>
    public Forecasting.ForecastMethod Method { get; init; } = Forecasting.ForecastMethod.Model;

    /// <summary>
    /// Decimal places to show the row's quantities with (<see cref="Planning.ProductInfo.QuantityDecimals"/>). The
    /// figures themselves stay exact.
    /// </summary>
    public int QuantityDecimals { get; init; }
}

/// <summary>Demand of one month: actual units for past months, forecast units for the current and later ones.</summary>
public sealed record MonthDemand(DateOnly Month, decimal? Actual, decimal? Forecast);

/// <summary>A batch that still holds units on its last usable day, after forecast demand was served FEFO.</summary>
/// <param name="Product">Product code.</param>
/// <param name="BatchNo">Batch number.</param>
/// <param name="Warehouse">Warehouse code, or null.</param>
/// <param name="ExpiryDate">Expiry date of the batch.</param>
/// <param name="LastUsableDay">Expiry date minus the minimum remaining shelf life.</param>
/// <param name="FreeQuantity">Unreserved units today.</param>
/// <param name="ConsumedQuantity">Units forecast demand takes from the batch before its last usable day.</param>
/// <param name="AtRiskQuantity">Units left on the last usable day.</param>
public sealed record BatchExpiryRisk(
    string Product,
    string BatchNo,
    string? Warehouse,
    DateOnly? ExpiryDate,
    DateOnly? LastUsableDay,
    decimal FreeQuantity,
    decimal ConsumedQuantity,
    decimal AtRiskQuantity)
{
    /// <summary>Decimal places to show the quantities with, as in <see cref="ProductDemandRow.QuantityDecimals"/>.</summary>
    public int QuantityDecimals { get; init; }
}
