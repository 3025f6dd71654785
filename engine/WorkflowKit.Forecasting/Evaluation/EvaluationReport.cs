namespace WorkflowKit.Forecasting.Evaluation;

/// <summary>Result of a rolling-origin evaluation of <see cref="DemandForecaster"/> against two baselines.</summary>
/// <param name="Periodicity">Grain of the evaluation.</param>
/// <param name="Horizon">Largest step ahead evaluated.</param>
/// <param name="Origins">
/// Last period of the history known at each origin, in time order. Every step up to <paramref name="Horizon"/>
/// after each origin lies inside the history.
/// </param>
/// <param name="SeriesCount">Number of series in the history.</param>
/// <param name="Horizons">One row per step ahead, from 1 to <paramref name="Horizon"/>.</param>
/// <param name="Series">One row per series, pooling all its horizons.</param>
/// <param name="ModelChoices">
/// How often each model was chosen, counted over origins and series. Forecasts whose steps use different models
/// (<see cref="ForecastOptions.PerStepSelection"/>) are counted under <see cref="PerStepChoice"/>.
/// </param>
public sealed record EvaluationReport(
    Periodicity Periodicity,
    int Horizon,
    IReadOnlyList<DateOnly> Origins,
    int SeriesCount,
    IReadOnlyList<HorizonAccuracy> Horizons,
    IReadOnlyList<SeriesAccuracy> Series,
    IReadOnlyDictionary<string, int> ModelChoices)
{
    /// <summary>Key in <see cref="ModelChoices"/> of forecasts whose steps use different models.</summary>
    public const string PerStepChoice = "different model per step";
}
