namespace WorkflowKit.Forecasting.Internal;

/// <summary>
/// Errors of each <see cref="ForecastMethod"/> on one series over the origins at which all methods could forecast,
/// and the choice between them.
/// </summary>
/// <remarks>
/// The model's forecast at each origin is the one the engine makes from the periods up to that origin, with its own
/// candidate backtest, so its errors here are out of sample like those of the baselines. A baseline replaces the model
/// only after <see cref="MinimumOrigins"/> origins, so that a few lucky periods of a short series decide nothing.
/// </remarks>
internal sealed class MethodBacktest
{
    /// <summary>
    /// Minimum number of origins, each with at least one seasonal cycle of history, that a series needs before a
    /// baseline may replace the model. Six monthly origins score up to 6 × horizon points over half a year.
    /// </summary>
    public const int MinimumOrigins = 6;

    /// <summary>Methods in order of preference for ties, the model first.</summary>
    public static readonly ForecastMethod[] Methods =
    [
        ForecastMethod.Model,
        ForecastMethod.ModelAndSeasonalNaive,
        ForecastMethod.SeasonalNaive,
        ForecastMethod.MeanOfLastThree,
    ];

    private readonly Dictionary<ForecastMethod, BacktestScore> _scores = [];

    public MethodBacktest(int horizon)
    {
        foreach (var method in Methods)
        {
            _scores[method] = new BacktestScore(horizon);
        }
    }

    /// <summary>Number of origins scored.</summary>
    public int Origins { get; private set; }

    public BacktestScore ScoreOf(ForecastMethod method) => _scores[method];

    /// <summary>
    /// Scores every method at one origin. <paramref name="training"/> is the history up to the origin and must hold
    /// at least one seasonal cycle; <paramref name="modelForecast"/> is the engine's forecast from it.
    /// </summary>
    public void Add(ReadOnlySpan<double> training, int seasonLength, double[] modelForecast,
        ReadOnlySpan<double> actualsAfterOrigin)
    {
        var horizon = modelForecast.Length;
        var seasonalNaive = SeasonalNaive(training, seasonLength, horizon);
        _scores[ForecastMethod.Model].Add(modelForecast, actualsAfterOrigin);
        _scores[ForecastMethod.ModelAndSeasonalNaive].Add(Mean(modelForecast, seasonalNaive), actualsAfterOrigin);
        _scores[ForecastMethod.SeasonalNaive].Add(seasonalNaive, actualsAfterOrigin);
        _scores[ForecastMethod.MeanOfLastThree].Add(MeanOfLastThree(training, horizon), actualsAfterOrigin);
        Origins++;
    }

    /// <summary>
    /// Returns the method with the smallest sum of absolute errors, or <see cref="ForecastMethod.Model"/> when fewer
    /// than <see cref="MinimumOrigins"/> origins were scored or the model ties.
    /// </summary>
    public ForecastMethod Choose()
    {
        if (Origins < MinimumOrigins)
        {
            return ForecastMethod.Model;
        }

        var best = ForecastMethod.Model;
        foreach (var method in Methods)
        {
            if (_scores[method].AbsoluteError < _scores[best].AbsoluteError)
            {
                best = method;
            }
        }

        return best;
    }

    /// <summary>Returns the forecast of <paramref name="method"/> from the whole history.</summary>
    public static double[] Forecast(
        ForecastMethod method, ReadOnlySpan<double> history, int seasonLength, double[] modelForecast) =>
        method switch
        {
            ForecastMethod.Model => modelForecast,
            ForecastMethod.ModelAndSeasonalNaive =>
                Mean(modelForecast, SeasonalNaive(history, seasonLength, modelForecast.Length)),
            ForecastMethod.SeasonalNaive => SeasonalNaive(history, seasonLength, modelForecast.Length),
            ForecastMethod.MeanOfLastThree => MeanOfLastThree(history, modelForecast.Length),
            _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown forecast method."),
        };

    /// <summary>Returns the model name reported for a series whose forecast comes from <paramref name="method"/>.</summary>
    public static string ModelName(ForecastMethod method, string model) => method switch
    {
        ForecastMethod.Model => model,
        ForecastMethod.ModelAndSeasonalNaive => $"mean of seasonal-naive and {model}",
        ForecastMethod.SeasonalNaive => "seasonal-naive",
        ForecastMethod.MeanOfLastThree => "moving-average-3",
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown forecast method."),
    };

    private static double[] SeasonalNaive(ReadOnlySpan<double> history, int seasonLength, int horizon)
    {
        var forecast = new double[horizon];
        for (var step = 0; step < horizon; step++)
        {
            forecast[step] = history[history.Length - seasonLength + (step % seasonLength)];
        }

        return forecast;
    }

    private static double[] MeanOfLastThree(ReadOnlySpan<double> history, int horizon)
    {
        var count = Math.Min(3, history.Length);
        var sum = 0.0;
        foreach (var value in history[^count..])
        {
            sum += value;
        }

        var forecast = new double[horizon];
        Array.Fill(forecast, sum / count);
        return forecast;
    }

    private static double[] Mean(double[] first, double[] second)
    {
        var mean = new double[first.Length];
        for (var step = 0; step < mean.Length; step++)
        {
            mean[step] = (Math.Max(0, first[step]) + Math.Max(0, second[step])) / 2;
        }

        return mean;
    }
}
