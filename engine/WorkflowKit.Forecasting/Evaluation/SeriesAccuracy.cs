namespace WorkflowKit.Forecasting.Evaluation;

/// <summary>Accuracy (1 − WAPE) of one series, pooled over all origins and horizons.</summary>
public sealed record SeriesAccuracy(
    SeriesKey Series,
    double ActualTotal,
    double Model,
    double SeasonalNaive,
    double MeanOfLastThree);
