namespace WorkflowKit.Forecasting;

/// <summary>Forecast of one future period of one series.</summary>
/// <param name="PeriodStart">First day of the period.</param>
/// <param name="Forecast">Expected quantity; never negative.</param>
/// <param name="Lower">Lower bound of the prediction interval; never negative.</param>
/// <param name="Upper">Upper bound of the prediction interval.</param>
public sealed record ForecastPoint(DateOnly PeriodStart, double Forecast, double Lower, double Upper);
