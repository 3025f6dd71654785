using WorkflowKit.Forecasting;

namespace WorkflowKit.Replenishment.Planning;

/// <summary>
/// Forecasts monthly demand from order lines with <see cref="DemandForecaster"/>, as of a day: the history is the
/// full months before that day's month, and the forecast starts with that day's month.
/// </summary>
/// <remarks>
/// The month in progress is left out of the history because its total so far would read as a drop in demand.
/// Every series gets a zero observation in the last full month, so each one reaches that month even when it sold
/// nothing lately, and its forecast starts with the current month.
/// </remarks>
internal static class MonthlyDemandForecast
{
    /// <summary>Forecasts per product (customer ignored).</summary>
    public static IReadOnlyDictionary<string, ProductForecast> ByProduct(
        IEnumerable<DemandLine> demand, IEnumerable<string> products, DateOnly today, int months,
        ReplenishmentSettings settings, CancellationToken cancellationToken)
    {
        var history = History(demand, products.Select(product => ((string?)null, product)), today, settings, withCustomer: false);
        return Forecast(history, today, months, settings.UseFastTree, settings.PerStepSelection, cancellationToken)
            .ToDictionary(pair => pair.Key.Product, pair => pair.Value, StringComparer.Ordinal);
    }

    /// <summary>Forecasts per customer and product for the given products, with smoothing models only.</summary>
    public static IReadOnlyDictionary<SeriesKey, ProductForecast> ByCustomer(
        IEnumerable<DemandLine> demand, IReadOnlySet<string> products, DateOnly today, int months,
        ReplenishmentSettings settings, CancellationToken cancellationToken)
    {
        var lines = demand
            .Where(line => products.Contains(line.Product) && !string.IsNullOrWhiteSpace(line.Customer))
            .ToList();
        var series = lines.Select(line => (line.Customer, line.Product)).Distinct();
        var history = History(lines, series, today, settings, withCustomer: true);
        return Forecast(history, today, months, useFastTree: false, settings.PerStepSelection, cancellationToken);
    }

    /// <summary>The first day of the month <paramref name="offset"/> months after the month of <paramref name="day"/>.</summary>
    public static DateOnly MonthStart(DateOnly day, int offset = 0) => new DateOnly(day.Year, day.Month, 1).AddMonths(offset);

    private static List<SalesObservation> History(
        IEnumerable<DemandLine> demand, IEnumerable<(string? Customer, string Product)> zeroSeries, DateOnly today,
        ReplenishmentSettings settings, bool withCustomer)
    {
        var end = MonthStart(today);
        var start = end.AddMonths(-settings.HistoryMonths);
        var history = demand
            .Where(line => line.Date >= start && line.Date < end)
            .Select(line => new SalesObservation(line.Date, withCustomer ? line.Customer : null, line.Product, line.Quantity))
            .ToList();
        var lastFullMonth = end.AddMonths(-1);
        history.AddRange(zeroSeries.Select(key => new SalesObservation(lastFullMonth, key.Customer, key.Product, 0m)));
        return history;
    }

    private static Dictionary<SeriesKey, ProductForecast> Forecast(
        List<SalesObservation> history,
        DateOnly today,
        int months,
        bool useFastTree,
        bool perStepSelection,
        CancellationToken cancellationToken)
    {
        var result = new Dictionary<SeriesKey, ProductForecast>();
        if (history.Count == 0)
        {
            return result;
        }

        var forecaster = new DemandForecaster(
            ForecastOptions.Default with { UseFastTree = useFastTree, PerStepSelection = perStepSelection });
        var forecasts = forecaster.Forecast(history, Periodicity.Month, months, cancellationToken);
        foreach (var series in forecasts)
        {
            var byMonth = series.Points.ToDictionary(
                point => point.PeriodStart, point => decimal.Round((decimal)point.Forecast, 2));
            result[series.Series] = new ProductForecast(
                new DemandCurve(byMonth), series.Model, series.BacktestAccuracy, series.Method);
        }

        return result;
    }
}

/// <summary>
/// A monthly forecast of one series, the model chosen, its backtest accuracy (1 − WAPE), if any, and whether the model
/// or a baseline that beat it made the forecast.
/// </summary>
internal sealed record ProductForecast(
    DemandCurve Curve, string Model, double? BacktestAccuracy, ForecastMethod Method = ForecastMethod.Model);
