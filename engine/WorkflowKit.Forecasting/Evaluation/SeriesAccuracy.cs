namespace WorkflowKit.Forecasting.Evaluation;

/// <summary>Accuracy (1 − WAPE) of one series, pooled over all origins and horizons.</summary>
/// <param name="Series">Customer and product of the series.</param>
/// <param name="ActualTotal">Sum of absolute actual values over the scored points, the WAPE denominator.</param>
/// <param name="NetActual">
/// Sum of the actual values over the same points with their signs, negative when returns exceed sales.
/// </param>
/// <param name="Model">Accuracy of the forecaster with its per-origin model selection.</param>
/// <param name="SeasonalNaive">Accuracy of the same period one cycle earlier.</param>
/// <param name="MeanOfLastThree">Accuracy of the mean of the last three periods before the origin.</param>
public sealed record SeriesAccuracy(
    SeriesKey Series,
    double ActualTotal,
    double NetActual,
    double Model,
    double SeasonalNaive,
    double MeanOfLastThree);
