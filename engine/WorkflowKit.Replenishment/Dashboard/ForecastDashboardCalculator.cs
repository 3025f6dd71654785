using WorkflowKit.Forecasting;
using WorkflowKit.Replenishment.Planning;

namespace WorkflowKit.Replenishment.Dashboard;

/// <summary>Computes the <see cref="ForecastDashboard"/> figures from planner inputs.</summary>
/// <remarks>
/// Stock cover and expiry risk come from one <see cref="FefoSimulation"/> per product over
/// <see cref="ForecastDashboardOptions.HorizonDays"/>, with forecast demand from the current month on. Reservations
/// are not demand: reserved units are left out of the stock, as in the replenishment watch. Each customer's share
/// of the demand needs its own minimum shelf life, as in <see cref="ReplenishmentPlanner"/>.
/// </remarks>
public static class ForecastDashboardCalculator
{
    /// <param name="data">The records the user may read: actual and forecast demand per month come from these.</param>
    /// <param name="today">The day the dashboard is for, in the tenant time zone.</param>
    /// <param name="options">Window lengths and forecast settings.</param>
    /// <param name="cancellationToken">Stops the forecasts between products.</param>
    /// <param name="company">
    /// The whole company's records, whose demand consumes the shared stock in stock cover and expiry risk; null when
    /// <paramref name="data"/> is the whole company already.
    /// </param>
    public static ForecastDashboard Compute(
        PlanningData data, DateOnly today, ForecastDashboardOptions options, CancellationToken cancellationToken,
        PlanningData? company = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.HorizonDays);
        ArgumentOutOfRangeException.ThrowIfNegative(options.ActualMonths);

        var settings = new ReplenishmentSettings
        {
            MinShelfLifeDays = options.MinShelfLifeDays,
            UseFastTree = options.UseFastTree,
            HistoryMonths = options.HistoryMonths,
        };
        settings.Validate();
        var products = data.Products.Where(p => p.Active).OrderBy(p => p.Code, StringComparer.Ordinal).ToList();
        var months = Math.Max(options.ForecastMonths, ReplenishmentPlanner.MonthsSpanned(today, options.HorizonDays));
        var forecasts = MonthlyDemandForecast.ByProduct(
            data.Demand, products.Select(p => p.Code), today, months, settings, cancellationToken);
        var thisMonth = MonthlyDemandForecast.MonthStart(today);
        var actuals = data.Demand
            .Where(line => line.Date >= thisMonth.AddMonths(-options.ActualMonths) && line.Date < thisMonth)
            .GroupBy(line => (line.Product, Month: MonthlyDemandForecast.MonthStart(line.Date)))
            .ToDictionary(group => group.Key, group => group.Sum(line => line.Quantity));

        var stockData = company ?? data;
        var stockForecasts = company is null
            ? forecasts
            : MonthlyDemandForecast.ByProduct(
                company.Demand, products.Select(p => p.Code), today, months, settings, cancellationToken);
        var customers = ReplenishmentPlanner.CustomersByCode(stockData);
        var rows = new List<ProductDemandRow>();
        var risks = new List<BatchExpiryRisk>();
        foreach (var product in products)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var forecast = forecasts.GetValueOrDefault(product.Code);
            var curve = forecast?.Curve ?? new DemandCurve(new Dictionary<DateOnly, decimal>());
            var stockCurve = stockForecasts.GetValueOrDefault(product.Code)?.Curve
                ?? new DemandCurve(new Dictionary<DateOnly, decimal>());
            var mix = ReplenishmentPlanner.ShelfLifeMixOf(
                stockData, customers, product.Code, today, options.HistoryMonths, options.MinShelfLifeDays);
            var usable = stockData.Batches
                .Where(b => b.Product == product.Code && FefoSimulation.IsUsableOn(b, today, mix.LeastDays))
                .ToList();
            var run = FefoSimulation.Run(usable, stockCurve, today, options.HorizonDays, mix);

            var series = new List<MonthDemand>();
            for (var offset = -options.ActualMonths; offset < options.ForecastMonths; offset++)
            {
                var month = thisMonth.AddMonths(offset);
                series.Add(offset < 0
                    ? new MonthDemand(month, actuals.GetValueOrDefault((product.Code, month)), null)
                    : new MonthDemand(month, null, curve.Months.GetValueOrDefault(month)));
            }

            rows.Add(new ProductDemandRow(
                product.Code, product.Name, forecast?.Model ?? "none", forecast?.BacktestAccuracy, series,
                usable.Sum(b => b.FreeQuantity), decimal.Round(run.CoverDays, 1), run.CoversWholeWindow)
            {
                Method = forecast?.Method ?? ForecastMethod.Model,
                QuantityDecimals = product.QuantityDecimals,
            });
            risks.AddRange(run.Batches.Where(outcome => outcome.AtRisk).Select(outcome => new BatchExpiryRisk(
                product.Code, outcome.Batch.BatchNo, outcome.Batch.Warehouse, outcome.Batch.ExpiryDate,
                outcome.LastUsableDay, outcome.Batch.FreeQuantity, decimal.Round(outcome.Consumed, 2),
                decimal.Round(outcome.Remaining, 2))
            {
                QuantityDecimals = product.QuantityDecimals,
            }));
        }

        return new ForecastDashboard(
            today, rows, [.. risks.OrderBy(r => r.LastUsableDay).ThenBy(r => r.BatchNo, StringComparer.Ordinal)]);
    }
}
