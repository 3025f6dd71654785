namespace WorkflowKit.Forecasting.Evaluation;

/// <summary>
/// Accuracy (1 − WAPE) at one step ahead, pooled over all origins and series: the sum of absolute errors divided
/// by the sum of absolute actual values, subtracted from 1. It can be negative when errors exceed the actuals.
/// </summary>
/// <param name="Horizon">Steps ahead, 1 for the period right after the origin.</param>
/// <param name="Points">Number of (origin, series) forecasts scored.</param>
/// <param name="ActualTotal">Sum of absolute actual values, the WAPE denominator.</param>
/// <param name="Model">Accuracy of the forecaster with its per-origin model selection.</param>
/// <param name="SeasonalNaive">Accuracy of the same period one cycle earlier (last year for months).</param>
/// <param name="MeanOfLastThree">Accuracy of the mean of the last three periods before the origin.</param>
public sealed record HorizonAccuracy(
    int Horizon,
    int Points,
    double ActualTotal,
    double Model,
    double SeasonalNaive,
    double MeanOfLastThree);
