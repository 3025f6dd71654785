namespace WorkflowKit.Forecasting;

/// <summary>
/// Source of a series' forecast: the model chosen among the candidates, or a baseline that beat it in the rolling-origin
/// backtest of <see cref="ForecastOptions.CompareWithBaselines"/>.
/// </summary>
public enum ForecastMethod
{
    /// <summary>The candidate model chosen by the backtest, named in <see cref="SeriesForecast.Model"/>.</summary>
    Model,

    /// <summary>The mean of the model's forecast and seasonal naive, step by step.</summary>
    ModelAndSeasonalNaive,

    /// <summary>The value of the same period one seasonal cycle earlier (same month last year).</summary>
    SeasonalNaive,

    /// <summary>The mean of the last three periods.</summary>
    MeanOfLastThree,
}
