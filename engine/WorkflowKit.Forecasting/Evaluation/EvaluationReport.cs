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

    /// <summary>
    /// Returns the key in <see cref="ModelChoices"/> of forecasts that come from <paramref name="method"/>, a baseline
    /// that beat the model (<see cref="ForecastOptions.CompareWithBaselines"/>).
    /// </summary>
    public static string BaselineChoice(ForecastMethod method) => method switch
    {
        ForecastMethod.ModelAndSeasonalNaive => "baseline:model+seasonal-naive",
        ForecastMethod.SeasonalNaive => "baseline:seasonal-naive",
        ForecastMethod.MeanOfLastThree => "baseline:mean-of-last-3",
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "The model is not a baseline."),
    };
}
