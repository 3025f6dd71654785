namespace WorkflowKit.Forecasting;

/// <summary>Forecast of one series with the model that produced it.</summary>
/// <param name="Series">Customer and product of the series.</param>
/// <param name="Model">
/// Name of the model chosen by the backtest, for example <c>holt-winters-multiplicative</c>.
/// </param>
/// <param name="BacktestAccuracy">
/// 1 − WAPE of the chosen model over the in-history backtest of this series, or null when the series was too
/// short to backtest and a fallback model was used.
/// </param>
/// <param name="Points">One point per future period, in time order.</param>
public sealed record SeriesForecast(
    SeriesKey Series,
    string Model,
    double? BacktestAccuracy,
    IReadOnlyList<ForecastPoint> Points)
{
    /// <summary>
    /// Remark on how the history was read, or null when there is none. It is set when periods of the series have
    /// more returns than sales, so that their net quantity is negative, and it describes how they were forecast.
    /// It is also set when the series has one period of history and its points therefore have no interval, and when
    /// every period of the history has the same quantity (0 included), which gives an interval of no width.
    /// </summary>
    public string? Note { get; init; }

    /// <summary>
    /// Whether the forecast comes from <see cref="Model"/> as chosen among the candidates or from a baseline that beat
    /// it in the backtest of <see cref="ForecastOptions.CompareWithBaselines"/>. For a baseline,
    /// <see cref="BacktestAccuracy"/> and the interval come from that backtest.
    /// </summary>
    public ForecastMethod Method { get; init; } = ForecastMethod.Model;
}
