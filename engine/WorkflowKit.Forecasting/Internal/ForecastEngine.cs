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

    /// <summary>Candidates that model a season with two cycles of history or more.</summary>
    private static readonly string[] SeasonalSmoothingModels =
        ["seasonal-ses", "holt-winters-additive", "holt-winters-multiplicative"];

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

        var runs = new CandidateRuns(window, intermittent, horizon, _candidates);
        var final = ChooseModels(window, runs, window.EndIndex, horizon, cancellationToken);
        // The baselines compete only where the seasonal smoothing models were left out of the candidates' backtest,
        // because the history is too short for them at some origin. Where they ran, letting the baselines compete
        // lowered the accuracy on the pharma-sales history (measured in docs/forecasting.md).
        var compareSeries = final.Backtests
            .Select(backtest => _options.CompareWithBaselines && !HasSeasonalSmoothing(backtest))
            .ToArray();
        var methods = compareSeries.Any(compare => compare)
            ? BacktestMethods(window, runs, horizon, cancellationToken)
            : null;

        var result = new List<SeriesForecast>(finalSeries.Count);
        for (var s = 0; s < finalSeries.Count; s++)
        {
            var outcome = ResolveModel(
                finalSeries[s], profiles[s], final.Backtests[s], final.Chosen[s], final.ByStep[s], horizon);
            var compared = compareSeries[s] ? methods![s] : null;
            result.Add(Describe(window, window.Series[s].Key, finalSeries[s], profiles[s], outcome, compared));
        }

        return result;
    }

    /// <summary>
    /// Backtests every candidate on the <see cref="ForecastOptions.BacktestOrigins"/> origins before
    /// <paramref name="origin"/>, scoring only the periods up to it, and chooses the model of each series as a
    /// forecast made at <paramref name="origin"/> would.
    /// </summary>
    private ModelChoice ChooseModels(
        SeriesPanel window, CandidateRuns runs, int origin, int horizon, CancellationToken cancellationToken)
    {
        var backtests = window.Series.Select(_ => new SeriesBacktest(horizon)).ToArray();
        for (var inner = origin - _options.BacktestOrigins; inner < origin; inner++)
        {
            cancellationToken.ThrowIfCancellationRequested();

            var forecasts = runs.At(inner);
            for (var s = 0; s < window.Series.Count; s++)
            {
                var history = window.Series[s];
                var trainingLength = LengthUpTo(history, inner);
                if (trainingLength == 0)
                {
                    continue;
                }

                var actualCount = Math.Min(horizon, LengthUpTo(history, origin) - trainingLength);
                var actuals = history.Values.AsSpan(trainingLength, actualCount);
                backtests[s].Origins++;
                foreach (var (candidate, forecast) in forecasts[s])
                {
                    backtests[s].Record(candidate, forecast, actuals);
                }
            }
        }

        var finalForecasts = runs.At(origin);
        for (var s = 0; s < backtests.Length; s++)
        {
            backtests[s].FinalForecasts = finalForecasts[s];
        }

        var chosen = ModelSelector.Choose(backtests, _options.Selection);
        var byStep = _options.PerStepSelection
            ? ModelSelector.ChooseByStep(backtests, chosen)
            : new string[]?[backtests.Length];
        return new ModelChoice(backtests, chosen, byStep);
    }

    /// <summary>
    /// Scores the model and the baselines of every series on the <see cref="ForecastOptions.BacktestOrigins"/> origins
    /// before the end of the history. The model's forecast at each origin comes from <see cref="ChooseModels"/> at that
    /// origin, so it is what the engine would have forecast then. Origins with less than one seasonal cycle of history
    /// are skipped, because seasonal naive cannot forecast from them.
    /// </summary>
    /// <remarks>
    /// NOTE: every origin uses the intermittent classification and the training window of the whole history, where a
    /// forecast made at that origin would classify and cut its own shorter history. The two differ only for a series
    /// that turned intermittent or regular lately, or for a history longer than the training window.
    /// </remarks>
    private MethodBacktest[] BacktestMethods(
        SeriesPanel window, CandidateRuns runs, int horizon, CancellationToken cancellationToken)
    {
        var methods = window.Series.Select(_ => new MethodBacktest(horizon)).ToArray();
        var seasonLength = window.SeasonLength;
        if (seasonLength < 2)
        {
            return methods;
        }

        for (var origin = window.EndIndex - _options.BacktestOrigins; origin < window.EndIndex; origin++)
        {
            var models = ChooseModels(window, runs, origin, horizon, cancellationToken);
            var steps = Math.Min(horizon, window.EndIndex - origin);
            for (var s = 0; s < window.Series.Count; s++)
            {
                var training = ToTraining(window.Series[s], origin, window);
                if (training.Length < seasonLength)
                {
                    continue;
                }

                var outcome = ResolveModel(
                    training, SeriesProfile.Of(training), models.Backtests[s], models.Chosen[s], models.ByStep[s], steps);
                var actuals = window.Series[s].Values.AsSpan(training.Length, steps);
                methods[s].Add(training.Values.Span, seasonLength, outcome.Forecast, actuals);
            }
        }

        return methods;
    }

    /// <summary>
    /// Returns the chosen model's forecast of the first <paramref name="steps"/> periods after
    /// <paramref name="series"/>, with its backtest errors, or the zero or fallback forecast where no model was chosen.
    /// </summary>
    private static ModelOutcome ResolveModel(
        TrainingSeries series,
        SeriesProfile profile,
        SeriesBacktest backtest,
        string? chosen,
        string[]? chosenByStep,
        int steps)
    {
        var history = series.Values.Span;
        if (profile.IsAllZero || !HasSales(history))
        {
            // A history without sales, all zero or returns only, is forecast as zero demand with an interval of 0
            // to 0, instead of the spread of the returns around a forecast that was raised to zero.
            return new ModelOutcome(ZeroModelName, new double[steps], RootMeanSquareByStep: null, Accuracy: null);
        }

        if (chosen is null)
        {
            var fallbackScore = backtest.Scores.GetValueOrDefault(FallbackModel.Name);
            return new ModelOutcome(
                FallbackModel.Name,
                FallbackModel.Forecast(series, steps),
                fallbackScore?.RootMeanSquareErrorByStep() ?? [],
                Accuracy: null);
        }

        if (chosenByStep is not null && chosenByStep.Distinct(StringComparer.Ordinal).Skip(1).Any())
        {
            var (forecast, rootMeanSquareByStep, accuracy) = CombineSteps(backtest, chosenByStep, steps);
            return new ModelOutcome(
                PerStepModelPrefix + string.Join(", ", chosenByStep), forecast, rootMeanSquareByStep, accuracy);
        }

        var model = chosenByStep?[0] ?? chosen;
        var score = backtest.Scores[model];
        return new ModelOutcome(
            model, backtest.FinalForecasts[model][..steps], score.RootMeanSquareErrorByStep(), score.Accuracy);
    }

    private SeriesForecast Describe(
        SeriesPanel window,
        SeriesKey key,
        TrainingSeries series,
        SeriesProfile profile,
        ModelOutcome outcome,
        MethodBacktest? methods)
    {
        var history = series.Values.Span;
        var horizon = outcome.Forecast.Length;
        var model = outcome.Model;
        var forecast = outcome.Forecast;
        var accuracy = outcome.Accuracy;
        var isZero = model == ZeroModelName;
        var method = isZero || methods is null ? ForecastMethod.Model : methods.Choose();
        double[]? errorScale;
        if (isZero)
        {
            errorScale = new double[horizon];
        }
        else if (method != ForecastMethod.Model)
        {
            // A baseline that beat the model carries its own errors from that backtest into the accuracy and the
            // interval.
            var score = methods!.ScoreOf(method);
            forecast = MethodBacktest.Forecast(method, history, series.SeasonLength, forecast);
            model = MethodBacktest.ModelName(method, model);
            accuracy = score.Accuracy;
            errorScale = PredictionInterval.ErrorScale(score.RootMeanSquareErrorByStep(), history, horizon);
        }
        else if (history.Length == 1)
        {
            errorScale = null;
        }
        else
        {
            errorScale = PredictionInterval.ErrorScale(outcome.RootMeanSquareByStep ?? [], history, horizon);
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
        return new SeriesForecast(key, model, accuracy, points)
        {
            Note = note.Length == 0 ? null : note,
            Method = method,
        };
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
        SeriesBacktest backtest, string[] chosenByStep, int steps)
    {
        var forecast = new double[steps];
        var rootMeanSquareByStep = new double[chosenByStep.Length];
        var absoluteError = 0.0;
        var absoluteActual = 0.0;
        for (var step = 0; step < chosenByStep.Length; step++)
        {
            var score = backtest.Scores[chosenByStep[step]];
            if (step < steps)
            {
                forecast[step] = backtest.FinalForecasts[chosenByStep[step]][step];
            }

            rootMeanSquareByStep[step] = score.RootMeanSquareErrorByStep()[step];
            absoluteError += score.AbsoluteErrorAt(step);
            absoluteActual += score.AbsoluteActualAt(step);
        }

        double? accuracy = absoluteActual > 0 ? 1 - (absoluteError / absoluteActual) : null;
        return (forecast, rootMeanSquareByStep, accuracy);
    }

    /// <summary>
    /// Returns whether a seasonal smoothing model (seasonally adjusted smoothing or Holt-Winters) ran at every origin of
    /// the candidates' backtest. They need two seasonal cycles of history, so with monthly data and 12 origins only a
    /// history of 36 months or more has them, and intermittent series never do.
    /// </summary>
    private static bool HasSeasonalSmoothing(SeriesBacktest backtest) =>
        backtest.EligibleCandidates.Any(candidate => SeasonalSmoothingModels.Contains(candidate, StringComparer.Ordinal));

    internal static TrainingSeries ToTraining(SeriesHistory history, int lastIndex, SeriesPanel window) =>
        new(history.Values.AsMemory(0, LengthUpTo(history, lastIndex)), history.StartIndex, window.SeasonLength);

    private static int LengthUpTo(SeriesHistory history, int lastIndex) =>
        Math.Clamp(lastIndex - history.StartIndex + 1, 0, history.Values.Length);

    /// <summary>Backtests, chosen model and per-step choice of every series, as of one origin.</summary>
    private sealed record ModelChoice(SeriesBacktest[] Backtests, string?[] Chosen, string[]?[] ByStep);

    /// <summary>
    /// Forecast of the chosen model with its backtest root mean square error per step and accuracy. The errors are null
    /// for the zero forecast, and the accuracy is null where nothing was backtested.
    /// </summary>
    private sealed record ModelOutcome(string Model, double[] Forecast, double[]? RootMeanSquareByStep, double? Accuracy);
}
