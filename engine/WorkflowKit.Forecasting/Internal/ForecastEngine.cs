using System.Globalization;
using WorkflowKit.Forecasting.Internal.Models;

namespace WorkflowKit.Forecasting.Internal;

/// <summary>
/// Forecasts every series of a panel: backtests all candidates on rolling origins inside the history, picks a
/// model per series (or globally) from those errors, and turns the chosen model's errors into intervals.
/// </summary>
internal sealed class ForecastEngine
{
    /// <summary>Name reported for a series whose history is zero in every period.</summary>
    public const string ZeroModelName = "zero";

    /// <summary>
    /// Start of the name reported for a series whose steps use different models, which follow in step order, such
    /// as <c>per step: ses, theta, theta</c>.
    /// </summary>
    public const string PerStepModelPrefix = "per step: ";

    /// <summary>
    /// Note of a series with one period of history. One value has no spread, so any interval around it would be a
    /// guess, and the points of such a series have no bounds.
    /// </summary>
    public const string SinglePeriodNote =
        "The history has only 1 period, so there is no variation to estimate a prediction interval from, and lower " +
        "and upper are left empty. The forecast repeats that period. From 2 periods on, an interval is given.";

    /// <summary>
    /// Note of a series whose history is 0 in every period. Its forecast and interval are 0, which describes the
    /// history and does not rule out an order.
    /// </summary>
    public const string AllZeroNote =
        "Every period of the history is 0, so demand is forecast as 0, and lower and upper are 0 too. The interval " +
        "has no width because the history does not vary, not because no order can come.";

    /// <summary>Model used for series too short to backtest: the mean of the last three periods or fewer.</summary>
    private static readonly MovingAverageModel FallbackModel = new(3);

    private readonly ForecastOptions _options;
    private readonly CandidateForecaster _candidates;

    public ForecastEngine(ForecastOptions options)
    {
        options.Validate();
        _options = options;
        _candidates = new CandidateForecaster(options);
    }

    public IReadOnlyList<SeriesForecast> Forecast(SeriesPanel panel, int horizon, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, 1);
        if (panel.Series.Count == 0)
        {
            return [];
        }

        var window = panel.KeepLast(_options.TrainingWindow(panel.Calendar.Periodicity));
        var finalSeries = window.Series.Select(history => ToTraining(history, window.EndIndex, window)).ToList();
        var profiles = finalSeries.Select(SeriesProfile.Of).ToList();
        var intermittent = profiles.Select(profile => profile.IsIntermittent).ToList();

        var backtests = Backtest(window, intermittent, horizon, cancellationToken);
        var finalForecasts = _candidates.ForecastAll(finalSeries, intermittent, horizon);
        for (var s = 0; s < backtests.Length; s++)
        {
            backtests[s].FinalForecasts = finalForecasts[s];
        }

        var chosen = ModelSelector.Choose(backtests, _options.Selection);
        var byStep = _options.PerStepSelection
            ? ModelSelector.ChooseByStep(backtests, chosen)
            : new string[]?[backtests.Length];
        var result = new List<SeriesForecast>(finalSeries.Count);
        for (var s = 0; s < finalSeries.Count; s++)
        {
            var key = window.Series[s].Key;
            result.Add(Describe(
                window, key, finalSeries[s], profiles[s], backtests[s], chosen[s], byStep[s], horizon));
        }

        return result;
    }

    private SeriesBacktest[] Backtest(
        SeriesPanel window,
        IReadOnlyList<bool> intermittent,
        int horizon,
        CancellationToken cancellationToken)
    {
        var backtests = window.Series.Select(_ => new SeriesBacktest(horizon)).ToArray();
        var firstOrigin = window.EndIndex - _options.BacktestOrigins;
        for (var origin = firstOrigin; origin < window.EndIndex; origin++)
        {
            cancellationToken.ThrowIfCancellationRequested();

            var training = window.Series.Select(history => ToTraining(history, origin, window)).ToList();
            var forecasts = _candidates.ForecastAll(training, intermittent, horizon);
            for (var s = 0; s < training.Count; s++)
            {
                if (training[s].Length == 0)
                {
                    continue;
                }

                var history = window.Series[s].Values;
                var actualCount = Math.Min(horizon, history.Length - training[s].Length);
                var actuals = history.AsSpan(training[s].Length, actualCount);
                backtests[s].Origins++;
                foreach (var (candidate, forecast) in forecasts[s])
                {
                    backtests[s].Record(candidate, forecast, actuals);
                }
            }
        }

        return backtests;
    }

    private SeriesForecast Describe(
        SeriesPanel window,
        SeriesKey key,
        TrainingSeries series,
        SeriesProfile profile,
        SeriesBacktest backtest,
        string? chosen,
        string[]? chosenByStep,
        int horizon)
    {
        var history = series.Values.Span;
        string model;
        double[] forecast;
        double[]? errorScale;
        double? accuracy = null;
        if (profile.IsAllZero || !HasSales(history))
        {
            // A history without sales, all zero or returns only, is forecast as zero demand with an interval of 0
            // to 0, instead of the spread of the returns around a forecast that was raised to zero.
            model = ZeroModelName;
            forecast = new double[horizon];
            errorScale = new double[horizon];
        }
        else if (chosen is null)
        {
            model = FallbackModel.Name;
            forecast = FallbackModel.Forecast(series, horizon);
            var fallbackScore = backtest.Scores.GetValueOrDefault(model);
            errorScale = history.Length == 1
                ? null
                : PredictionInterval.ErrorScale(fallbackScore?.RootMeanSquareErrorByStep() ?? [], history, horizon);
        }
        else if (chosenByStep is not null && chosenByStep.Distinct(StringComparer.Ordinal).Skip(1).Any())
        {
            model = PerStepModelPrefix + string.Join(", ", chosenByStep);
            (forecast, var rootMeanSquareByStep, accuracy) = CombineSteps(backtest, chosenByStep);
            errorScale = PredictionInterval.ErrorScale(rootMeanSquareByStep, history, horizon);
        }
        else
        {
            model = chosenByStep?[0] ?? chosen;
            forecast = backtest.FinalForecasts[model];
            var score = backtest.Scores[model];
            accuracy = score.Accuracy;
            errorScale = PredictionInterval.ErrorScale(score.RootMeanSquareErrorByStep(), history, horizon);
        }

        var constant = !profile.IsAllZero && history.Length > 1 && history[0] > 0 && IsConstant(history);
        if (constant)
        {
            // The chosen model repeats the constant, so its backtest errors are zero up to rounding. The interval
            // gets exactly no width, which the note explains.
            errorScale = new double[horizon];
        }

        var points = new ForecastPoint[horizon];
        for (var step = 0; step < horizon; step++)
        {
            var value = Math.Max(0, forecast[step]);
            var start = window.Calendar.StartOf(window.EndIndex + step + 1);
            if (errorScale is null)
            {
                points[step] = new ForecastPoint(start, value, Lower: null, Upper: null);
                continue;
            }

            var (lower, upper) = PredictionInterval.Bounds(value, errorScale[step], _options.IntervalCoverage);
            points[step] = new ForecastPoint(start, value, lower, upper);
        }

        var notes = new[]
        {
            ReturnsNote(history),
            errorScale is null ? SinglePeriodNote : null,
            profile.IsAllZero ? AllZeroNote : null,
            constant ? ConstantNote(history.Length, history[0]) : null,
        };
        var note = string.Join(" ", notes.Where(text => text is not null));
        return new SeriesForecast(key, model, accuracy, points) { Note = note.Length == 0 ? null : note };
    }

    /// <summary>
    /// Describes a history of two or more periods that all have the same positive quantity. Every model forecasts it
    /// without backtest error, so the interval has no width, and the note warns that this is no sign of certainty.
    /// </summary>
    private static string ConstantNote(int periods, double quantity) =>
        $"All {periods} periods of the history have the same quantity, " +
        $"{quantity.ToString(CultureInfo.InvariantCulture)}, so there is no variation to estimate a prediction " +
        "interval from, and lower and upper equal the forecast. The interval has no width because the history does " +
        "not vary, not because future demand is certain.";

    private static bool IsConstant(ReadOnlySpan<double> history)
    {
        foreach (var value in history)
        {
            if (value != history[0])
            {
                return false;
            }
        }

        return true;
    }

    private static bool HasSales(ReadOnlySpan<double> history)
    {
        foreach (var value in history)
        {
            if (value > 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Describes the periods whose returns exceed their sales, or returns null when there are none. Returns are
    /// subtracted from the sales of their period, the models are fitted on those net quantities, and a forecast
    /// below zero is raised to zero, so a history of returns only is forecast as zero demand.
    /// </summary>
    private static string? ReturnsNote(ReadOnlySpan<double> history)
    {
        var negative = 0;
        var positive = 0;
        foreach (var value in history)
        {
            negative += value < 0 ? 1 : 0;
            positive += value > 0 ? 1 : 0;
        }

        if (negative == 0)
        {
            return null;
        }

        const string Treatment = "Negative quantities are treated as returns: they are subtracted from the sales of " +
                                 "their period, and a forecast below zero is raised to 0.";
        var periods = negative == 1 ? "1 period has" : $"{negative} periods have";
        return positive == 0
            ? $"The history has returns but no sales ({periods} a negative net quantity), so demand is forecast as " +
              $"0, and lower and upper are 0 too. {Treatment}"
            : $"{periods} more returns than sales (a negative net quantity), which the models fit as negative " +
              $"demand. {Treatment}";
    }

    /// <summary>
    /// Takes each step's forecast and backtest error from the candidate chosen for that step, and returns the
    /// backtest accuracy (1 − WAPE) of that combination, or null when every actual was zero.
    /// </summary>
    private static (double[] Forecast, double[] RootMeanSquareByStep, double? Accuracy) CombineSteps(
        SeriesBacktest backtest, string[] chosenByStep)
    {
        var forecast = new double[chosenByStep.Length];
        var rootMeanSquareByStep = new double[chosenByStep.Length];
        var absoluteError = 0.0;
        var absoluteActual = 0.0;
        for (var step = 0; step < chosenByStep.Length; step++)
        {
            var score = backtest.Scores[chosenByStep[step]];
            forecast[step] = backtest.FinalForecasts[chosenByStep[step]][step];
            rootMeanSquareByStep[step] = score.RootMeanSquareErrorByStep()[step];
            absoluteError += score.AbsoluteErrorAt(step);
            absoluteActual += score.AbsoluteActualAt(step);
        }

        double? accuracy = absoluteActual > 0 ? 1 - (absoluteError / absoluteActual) : null;
        return (forecast, rootMeanSquareByStep, accuracy);
    }

    private static TrainingSeries ToTraining(SeriesHistory history, int lastIndex, SeriesPanel window)
    {
        var length = Math.Clamp(lastIndex - history.StartIndex + 1, 0, history.Values.Length);
        return new TrainingSeries(history.Values.AsMemory(0, length), history.StartIndex, window.SeasonLength);
    }
}
