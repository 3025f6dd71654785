using WorkflowKit.Forecasting.Internal.Models;

namespace WorkflowKit.Forecasting.Internal;

/// <summary>
/// Runs every candidate model that fits each series at one origin. Regular series get the smoothing models,
/// the simple benchmarks, FastTree and the blend. Intermittent series get Croston (SBA), simple exponential
/// smoothing and a one-cycle moving average, because each of these forecasts a demand rate rather than a
/// spike or a zero.
/// </summary>
internal sealed class CandidateForecaster
{
    public const string BlendName = "blend";

    public const string SmoothingMeanName = "smoothing-mean";

    /// <summary>Ratios below which, or above whose inverse, a value counts as an outlier.</summary>
    private static readonly double[] OutlierRatios = [0.4, 0.5];

    private static readonly ILocalModel[] PlainModels =
    [
        new NaiveModel(),
        new MovingAverageModel(3),
        new SeasonalNaiveModel(),
        new SimpleExponentialSmoothingModel(),
        new DampedTrendModel(),
        new HoltWintersModel(SeasonalForm.Additive),
        new HoltWintersModel(SeasonalForm.Multiplicative),
        new SeasonallyAdjustedModel(),
        new ThetaModel(),
        SmoothingMean(),
    ];

    /// <summary>
    /// Models that are also run on a copy of the history with outliers replaced, once per ratio. The cleaning is
    /// a candidate like any other, so the backtest decides per series whether it helps.
    /// </summary>
    private static readonly ILocalModel[] CleanedModels =
    [
        .. OutlierRatios.SelectMany(ratio => new ILocalModel[]
        {
            new OutlierCleaning(new SeasonallyAdjustedModel(), ratio),
            new OutlierCleaning(new ThetaModel(), ratio),
            new OutlierCleaning(SmoothingMean(), ratio),
        }),
    ];

    private static readonly string[] NameOrder =
    [
        .. PlainModels.Select(model => model.Name),
        .. CleanedModels.Select(model => model.Name),
        "croston-sba",
        FastTreeModel.ModelName,
        BlendName,
    ];

    private readonly FastTreeModel? _fastTree;
    private readonly bool _cleanOutliers;

    private readonly ILocalModel[] _regularModels;

    public CandidateForecaster(ForecastOptions options)
    {
        _fastTree = options.UseFastTree ? new FastTreeModel(options.Seed) : null;
        _regularModels = options.CleanOutliers ? [.. PlainModels, .. CleanedModels] : PlainModels;
        _cleanOutliers = options.CleanOutliers;
    }

    /// <summary>
    /// Returns the rank of a candidate for breaking ties, lower meaning simpler. Names outside the list, such as
    /// the intermittent moving average, rank after it.
    /// </summary>
    public static int OrderOf(string candidate)
    {
        var index = Array.IndexOf(NameOrder, candidate);
        return index >= 0 ? index : NameOrder.Length;
    }

    /// <summary>
    /// Returns, per series, the forecast of each candidate that could be fitted. <paramref name="intermittent"/>
    /// picks the candidate set of each series and stays fixed over all origins of one run.
    /// </summary>
    public Dictionary<string, double[]>[] ForecastAll(
        IReadOnlyList<TrainingSeries> panel,
        IReadOnlyList<bool> intermittent,
        int horizon)
    {
        var result = new Dictionary<string, double[]>[panel.Count];
        for (var s = 0; s < panel.Count; s++)
        {
            result[s] = ForecastLocal(panel[s], intermittent[s], horizon);
        }

        AddFastTree(panel, intermittent, horizon, result);

        for (var s = 0; s < panel.Count; s++)
        {
            if (!intermittent[s])
            {
                AddBlend(result[s], horizon);
            }
        }

        return result;
    }

    private Dictionary<string, double[]> ForecastLocal(TrainingSeries series, bool intermittent, int horizon)
    {
        var forecasts = new Dictionary<string, double[]>(StringComparer.Ordinal);
        if (series.Length == 0)
        {
            return forecasts;
        }

        var profile = SeriesProfile.Of(series);
        foreach (var model in intermittent ? IntermittentModels(series.SeasonLength) : _regularModels)
        {
            if (model.CanFit(profile))
            {
                forecasts[model.Name] = model.Forecast(series, horizon);
            }
        }

        return forecasts;
    }

    /// <summary>Mean of seasonally adjusted smoothing, Theta and simple exponential smoothing.</summary>
    private static MeanCombination SmoothingMean() =>
        new(SmoothingMeanName, new SeasonallyAdjustedModel(), new ThetaModel(), new SimpleExponentialSmoothingModel());

    private static ILocalModel[] IntermittentModels(int seasonLength) =>
    [
        new CrostonModel(),
        new SimpleExponentialSmoothingModel(robust: false),
        new MovingAverageModel(Math.Max(3, seasonLength)),
    ];

    private void AddFastTree(
        IReadOnlyList<TrainingSeries> panel,
        IReadOnlyList<bool> intermittent,
        int horizon,
        Dictionary<string, double[]>[] result)
    {
        if (_fastTree is null)
        {
            return;
        }

        var regular = Enumerable.Range(0, panel.Count).Where(s => !intermittent[s] && panel[s].Length > 0).ToList();
        // FastTree learns from every past period as a target and from its calendar month. A recording fault (a
        // month booked as 0) therefore teaches it that this month sells little, and its forecast for that month
        // drops far below every other year. The local models have cleaned candidates for this, picked by the backtest.
        // FastTree trains once per panel, so it gets the cleaned history outright.
        var training = regular
            .Select(s => _cleanOutliers
                ? panel[s] with { Values = OutlierCleaning.Clean(panel[s].Values.Span, OutlierRatios[^1]) }
                : panel[s])
            .ToList();
        var forecasts = _fastTree.Forecast(training, horizon);
        if (forecasts is null)
        {
            return;
        }

        for (var i = 0; i < regular.Count; i++)
        {
            if (forecasts[i] is { } forecast)
            {
                result[regular[i]][FastTreeModel.ModelName] = forecast;
            }
        }
    }

    /// <summary>
    /// Adds the mean of the seasonal models and FastTree when at least two of them ran. Averaging models that
    /// err in different directions usually lowers the error of each one.
    /// </summary>
    private static void AddBlend(Dictionary<string, double[]> forecasts, int horizon)
    {
        var components = new List<double[]>();
        if (forecasts.TryGetValue("seasonal-ses", out var seasonal))
        {
            components.Add(seasonal);
        }

        if (forecasts.TryGetValue("holt-winters-multiplicative", out var holtWinters)
            || forecasts.TryGetValue("holt-winters-additive", out holtWinters))
        {
            components.Add(holtWinters);
        }

        if (forecasts.TryGetValue(FastTreeModel.ModelName, out var fastTree))
        {
            components.Add(fastTree);
        }

        if (components.Count < 2)
        {
            return;
        }

        var blend = new double[horizon];
        for (var step = 0; step < horizon; step++)
        {
            blend[step] = components.Average(component => Math.Max(0, component[step]));
        }

        forecasts[BlendName] = blend;
    }
}
