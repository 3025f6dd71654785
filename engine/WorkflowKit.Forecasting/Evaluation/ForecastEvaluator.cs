using WorkflowKit.Forecasting.Internal;

namespace WorkflowKit.Forecasting.Evaluation;

/// <summary>
/// Measures forecast accuracy by rolling origins inside the history. At each origin the forecaster is given only
/// the periods up to the origin, so its own model selection backtest is nested inside that past. Its forecasts
/// for the following periods are then compared with what was actually sold.
/// </summary>
/// <remarks>
/// Two baselines are scored on the same points: seasonal naive (the same phase one cycle earlier, or the last
/// value while the series is shorter than one cycle) and the mean of the last three periods (or fewer at the
/// start of a series). Accuracy is 1 − WAPE, pooled over all series and origins of a horizon: the sum of
/// absolute errors divided by the sum of absolute actual values.
/// </remarks>
public sealed class ForecastEvaluator
{
    private readonly ForecastOptions _options;

    public ForecastEvaluator(ForecastOptions? options = null)
    {
        _options = options ?? ForecastOptions.Default;
        _options.Validate();
    }

    /// <summary>
    /// Evaluates <paramref name="origins"/> consecutive origins, the last of which is <paramref name="horizon"/>
    /// periods before the end of the history, so that every scored period lies inside the history. Origins run
    /// in parallel; the result does not depend on their order.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// The horizon or the number of origins is less than 1, or the horizon is more than
    /// <see cref="DemandForecaster.MaxHorizon"/>.
    /// </exception>
    /// <exception cref="ArgumentException">
    /// The history is too short for the requested origins and horizon, or the quantities of one series and period sum
    /// past the range of <see cref="decimal"/>.
    /// </exception>
    public EvaluationReport Evaluate(
        IEnumerable<SalesObservation> history,
        Periodicity periodicity,
        int horizon,
        int origins,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(horizon, DemandForecaster.MaxHorizon(periodicity));
        ArgumentOutOfRangeException.ThrowIfLessThan(origins, 1);

        var calendar = new PeriodCalendar(periodicity, _options.WeekStart);
        var panel = SeriesPanelBuilder.Build(history, calendar);
        if (panel.Series.Count == 0)
        {
            throw new ArgumentException(
                "The sales history is empty; evaluation needs at least one series.", nameof(history));
        }

        var firstPeriod = panel.Series.Min(series => series.StartIndex);
        var lastOrigin = panel.EndIndex - horizon;
        var firstOrigin = lastOrigin - origins + 1;
        if (firstOrigin < firstPeriod + 1)
        {
            var periods = panel.EndIndex - firstPeriod + 1;
            throw new ArgumentException(TooShortMessage(periods, periodicity, horizon, origins));
        }

        var results = new OriginResult[origins];
        var engine = new ForecastEngine(_options);
        var parallel = new ParallelOptions
        {
            CancellationToken = cancellationToken,
            MaxDegreeOfParallelism = Environment.ProcessorCount,
        };
        Parallel.For(
            0,
            origins,
            parallel,
            i => results[i] = EvaluateOrigin(engine, panel, firstOrigin + i, horizon, cancellationToken));

        return Summarise(panel, horizon, firstOrigin, results);
    }

    // Each origin needs the periods up to it, at least two so that the first origin has one period before it, and
    // horizon periods after the last origin to score. The message is built without a parameter name because the
    // command line prints it as is.
    private static string TooShortMessage(int periods, Periodicity periodicity, int horizon, int origins)
    {
        var grain = periodicity.ToString().ToLowerInvariant();
        var fitting = periods - horizon - 1;
        var history = $"The history has {Count(periods, $"{grain} period")}";
        if (fitting >= 1)
        {
            return $"{history}, but {origins} origins with horizon {horizon} need at least {origins + horizon + 1}. " +
                   $"Use at most {Count(fitting, "origin")} or a shorter horizon.";
        }

        var tooShort = $"{history}, too few to evaluate horizon {horizon}: at least {horizon + 2} are needed, 2 up " +
                       $"to the first origin and {horizon} to score.";
        return periods >= 3
            ? $"{tooShort} Use a longer history, or a horizon of at most {periods - 2} with 1 origin."
            : $"{tooShort} Use a longer history.";
    }

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    private static OriginResult EvaluateOrigin(
        ForecastEngine engine,
        SeriesPanel panel,
        int origin,
        int horizon,
        CancellationToken cancellationToken)
    {
        var known = panel.TruncateAfter(origin);
        var forecasts = engine.Forecast(known, horizon, cancellationToken).ToDictionary(forecast => forecast.Series);
        var result = new OriginResult(horizon, panel.Series.Count);
        for (var s = 0; s < panel.Series.Count; s++)
        {
            var series = panel.Series[s];
            if (!forecasts.TryGetValue(series.Key, out var forecast))
            {
                continue;
            }

            // A per-step choice names one model per step, and a baseline mixed with the model names that model, so
            // the tally counts each under a common name.
            var isPerStep = forecast.Model.StartsWith(ForecastEngine.PerStepModelPrefix, StringComparison.Ordinal);
            result.Choices.Add(forecast.Method switch
            {
                ForecastMethod.Model when isPerStep => EvaluationReport.PerStepChoice,
                ForecastMethod.Model => forecast.Model,
                _ => EvaluationReport.BaselineChoice(forecast.Method),
            });
            var originOffset = origin - series.StartIndex;
            for (var step = 1; step <= horizon; step++)
            {
                var actual = series.Values[originOffset + step];
                var model = forecast.Points[step - 1].Forecast;
                var seasonalNaive = SeasonalNaive(series.Values, originOffset, step, panel.SeasonLength);
                var meanOfLastThree = MeanOfLastThree(series.Values, originOffset);
                result.ByHorizon[step - 1].Add(actual, model, seasonalNaive, meanOfLastThree);
                result.BySeries[s].Add(actual, model, seasonalNaive, meanOfLastThree);
            }
        }

        return result;
    }

    private static double SeasonalNaive(double[] values, int originOffset, int step, int seasonLength)
    {
        var cyclesBack = (step + seasonLength - 1) / seasonLength;
        var index = originOffset + step - (cyclesBack * seasonLength);
        return index >= 0 ? values[index] : values[originOffset];
    }

    private static double MeanOfLastThree(double[] values, int originOffset)
    {
        var first = Math.Max(0, originOffset - 2);
        var sum = 0.0;
        for (var i = first; i <= originOffset; i++)
        {
            sum += values[i];
        }

        return sum / (originOffset - first + 1);
    }

    private static EvaluationReport Summarise(SeriesPanel panel, int horizon, int firstOrigin, OriginResult[] results)
    {
        var byHorizon = Enumerable.Range(0, horizon).Select(_ => new ErrorTotals()).ToArray();
        var bySeries = panel.Series.Select(_ => new ErrorTotals()).ToArray();
        var choices = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var result in results)
        {
            for (var step = 0; step < horizon; step++)
            {
                byHorizon[step].Add(result.ByHorizon[step]);
            }

            for (var s = 0; s < bySeries.Length; s++)
            {
                bySeries[s].Add(result.BySeries[s]);
            }

            foreach (var model in result.Choices)
            {
                choices[model] = choices.GetValueOrDefault(model) + 1;
            }
        }

        var horizons = byHorizon
            .Select((totals, step) => new HorizonAccuracy(
                step + 1,
                totals.Points,
                totals.Actual,
                totals.Accuracy(totals.Model),
                totals.Accuracy(totals.SeasonalNaive),
                totals.Accuracy(totals.MeanOfLastThree)))
            .ToList();
        var series = bySeries
            .Select((totals, s) => new SeriesAccuracy(
                panel.Series[s].Key,
                totals.Actual,
                totals.NetActual,
                totals.Accuracy(totals.Model),
                totals.Accuracy(totals.SeasonalNaive),
                totals.Accuracy(totals.MeanOfLastThree)))
            .ToList();
        var origins = Enumerable.Range(firstOrigin, results.Length).Select(panel.Calendar.StartOf).ToList();

        return new EvaluationReport(
            panel.Calendar.Periodicity, horizon, origins, panel.Series.Count, horizons, series, choices);
    }

    private sealed class OriginResult
    {
        public OriginResult(int horizon, int seriesCount)
        {
            ByHorizon = Enumerable.Range(0, horizon).Select(_ => new ErrorTotals()).ToArray();
            BySeries = Enumerable.Range(0, seriesCount).Select(_ => new ErrorTotals()).ToArray();
        }

        public ErrorTotals[] ByHorizon { get; }

        public ErrorTotals[] BySeries { get; }

        public List<string> Choices { get; } = [];
    }
}
