namespace WorkflowKit.Forecasting;

/// <summary>Forecast of one future period of one series.</summary>
/// <param name="PeriodStart">First day of the period.</param>
/// <param name="Forecast">Expected quantity; never negative.</param>
/// <param name="Lower">
/// Lower bound of the prediction interval; never negative. Null when the series has one period of history, which
/// gives no spread to estimate an interval from (<see cref="SeriesForecast.Note"/> explains why).
/// </param>
/// <param name="Upper">Upper bound of the prediction interval; null when <paramref name="Lower"/> is.</param>
public sealed record ForecastPoint(DateOnly PeriodStart, double Forecast, double? Lower, double? Upper);
