namespace WorkflowKit.Forecasting;

/// <summary>Settings of <see cref="DemandForecaster"/>. The defaults suit monthly and weekly sales history.</summary>
public sealed record ForecastOptions
{
    /// <summary>First day of a week for <see cref="Periodicity.Week"/>. Default Monday.</summary>
    public DayOfWeek WeekStart { get; init; } = DayOfWeek.Monday;

    /// <summary>
    /// Number of rolling origins at the end of the history that the model selection backtests each candidate
    /// on. Default 12. Each origin refits the candidates on the periods before it only.
    /// </summary>
    public int BacktestOrigins { get; init; } = 12;

    /// <summary>Whether the best model is chosen per series (default) or one model for all series.</summary>
    public ModelSelection Selection { get; init; } = ModelSelection.PerSeries;

    /// <summary>
    /// Probability that the actual value falls between <see cref="ForecastPoint.Lower"/> and
    /// <see cref="ForecastPoint.Upper"/>, assuming normally distributed backtest errors. Default 0.8.
    /// </summary>
    public double IntervalCoverage { get; init; } = 0.8;

    /// <summary>
    /// Whether each step ahead gets its own model: the forecast for step <c>h</c> comes from the candidate with the
    /// smallest backtest error at step <c>h</c> alone, instead of one candidate chosen for all steps. Default false.
    /// Steps beyond what the backtest scored keep the candidate chosen for all steps. Works per series, so it
    /// cannot be combined with <see cref="ModelSelection.Global"/>.
    /// </summary>
    public bool PerStepSelection { get; init; }

    /// <summary>
    /// Whether the model competes per series with seasonal naive, the mean of the last three periods and the mean of
    /// the model and seasonal naive. Default true. It applies to series whose history is too short for the seasonal
    /// smoothing models at some origin of the candidates' backtest (a monthly history under 36 months, with 12 origins)
    /// and to intermittent series. Each method is backtested on <see cref="BacktestOrigins"/> rolling origins that have
    /// a full seasonal cycle of history, where the model's forecast at each origin is the one chosen from the periods up
    /// to it. A baseline with a smaller sum of absolute errors replaces the model, but only after at least 6 such
    /// origins. The comparison fits the candidates on up to twice as many origins.
    /// </summary>
    public bool CompareWithBaselines { get; init; } = true;

    /// <summary>Whether the Microsoft.ML FastTree regression model is one of the candidates. Default true.</summary>
    public bool UseFastTree { get; init; } = true;

    /// <summary>
    /// Whether the candidates include seasonally adjusted smoothing, Theta and their mean fitted on a copy of the
    /// history with isolated outliers replaced by the median of their neighbours. Default true.
    /// </summary>
    public bool CleanOutliers { get; init; } = true;

    /// <summary>Random seed of FastTree training, so that the same input gives the same forecast. Default 1.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>
    /// Maximum number of most recent periods that models are fitted on, or null for the default of the grain:
    /// 730 days, 260 weeks or 120 months. Older periods are ignored, which bounds the run time on long daily
    /// histories.
    /// </summary>
    public int? MaxTrainingPeriods { get; init; }

    /// <summary>Default options.</summary>
    public static ForecastOptions Default { get; } = new();

    internal int TrainingWindow(Periodicity periodicity) => MaxTrainingPeriods ?? periodicity switch
    {
        Periodicity.Day => 730,
        Periodicity.Week => 260,
        _ => 120,
    };

    internal void Validate()
    {
        if (BacktestOrigins < 1)
        {
            throw new ArgumentOutOfRangeException(
                nameof(BacktestOrigins), BacktestOrigins, "BacktestOrigins must be at least 1.");
        }

        if (IntervalCoverage is <= 0 or >= 1 || double.IsNaN(IntervalCoverage))
        {
            throw new ArgumentOutOfRangeException(
                nameof(IntervalCoverage),
                IntervalCoverage,
                "IntervalCoverage must be between 0 and 1, for example 0.8.");
        }

        if (PerStepSelection && Selection == ModelSelection.Global)
        {
            throw new ArgumentException(
                "PerStepSelection chooses models per series and step, so it cannot be combined with " +
                "ModelSelection.Global; turn one of them off.",
                nameof(PerStepSelection));
        }

        if (MaxTrainingPeriods is < 2)
        {
            throw new ArgumentOutOfRangeException(
                nameof(MaxTrainingPeriods), MaxTrainingPeriods, "MaxTrainingPeriods must be at least 2, or null.");
        }
    }
}
