namespace WorkflowKit.Forecasting.Internal.Models;

/// <summary>
/// Holt-Winters exponential smoothing with a damped trend and an additive or multiplicative season. The first
/// two cycles initialise the level, trend and seasonal states. The smoothing constants α, β, γ and the damping φ
/// come from a fixed grid by the smallest sum of squared one-step-ahead errors after the first cycle.
/// </summary>
internal sealed class HoltWintersModel : ILocalModel
{
    private static readonly double[] AlphaGrid = [0.05, 0.1, 0.2, 0.3, 0.5];
    private static readonly double[] BetaGrid = [0.01, 0.05, 0.1];
    private static readonly double[] GammaGrid = [0.01, 0.05, 0.1, 0.2];
    private static readonly double[] PhiGrid = [0.8, 0.9, 0.98];

    private readonly SeasonalForm _form;

    public HoltWintersModel(SeasonalForm form)
    {
        _form = form;
    }

    public string Name => _form == SeasonalForm.Additive ? "holt-winters-additive" : "holt-winters-multiplicative";

    public bool CanFit(SeriesProfile profile) =>
        profile.HasTwoSeasons && (_form == SeasonalForm.Additive || profile.AllPositive);

    public double[] Forecast(TrainingSeries series, int horizon)
    {
        var values = series.Values.Span;
        var seasonLength = series.SeasonLength;
        var initial = Initialise(series);

        var best = new FitState(double.PositiveInfinity, initial.Level, 0, 1, initial.Seasons);
        var seasons = new double[seasonLength];
        foreach (var alpha in AlphaGrid)
        {
            foreach (var beta in BetaGrid)
            {
                foreach (var gamma in GammaGrid)
                {
                    foreach (var phi in PhiGrid)
                    {
                        initial.Seasons.CopyTo(seasons, 0);
                        var state = Run(values, series, initial, seasons, alpha, beta, gamma, phi);
                        if (state.Error < best.Error)
                        {
                            best = state with { Seasons = (double[])seasons.Clone() };
                        }
                    }
                }
            }
        }

        var path = DampedTrendModel.DampedPath(best.Level, best.Trend, best.Phi, horizon);
        for (var step = 0; step < horizon; step++)
        {
            var season = best.Seasons[series.PhaseAt(values.Length + step)];
            path[step] = _form == SeasonalForm.Additive ? path[step] + season : path[step] * season;
        }

        return path;
    }

    private FitState Run(
        ReadOnlySpan<double> values,
        TrainingSeries series,
        FitState initial,
        double[] seasons,
        double alpha,
        double beta,
        double gamma,
        double phi)
    {
        var level = initial.Level;
        var trend = initial.Trend;
        var squaredError = 0.0;
        for (var i = series.SeasonLength; i < values.Length; i++)
        {
            var phase = series.PhaseAt(i);
            var season = seasons[phase];
            var baseline = level + (phi * trend);
            double newLevel;
            if (_form == SeasonalForm.Additive)
            {
                var error = values[i] - (baseline + season);
                squaredError += error * error;
                newLevel = (alpha * (values[i] - season)) + ((1 - alpha) * baseline);
                seasons[phase] = (gamma * (values[i] - newLevel)) + ((1 - gamma) * season);
            }
            else
            {
                var error = values[i] - (baseline * season);
                squaredError += error * error;
                newLevel = (alpha * (values[i] / season)) + ((1 - alpha) * baseline);
                if (newLevel > 0)
                {
                    seasons[phase] = (gamma * (values[i] / newLevel)) + ((1 - gamma) * season);
                }
            }

            trend = (beta * (newLevel - level)) + ((1 - beta) * phi * trend);
            level = newLevel;
        }

        return new FitState(squaredError, level, trend, phi, seasons);
    }

    /// <summary>
    /// Sets the level to the mean of the first cycle, the trend to the change between the first two cycle means
    /// per period, and each seasonal state to the first cycle's value relative to that mean.
    /// </summary>
    private FitState Initialise(TrainingSeries series)
    {
        var values = series.Values.Span;
        var seasonLength = series.SeasonLength;
        var firstMean = Mean(values[..seasonLength]);
        var secondMean = Mean(values[seasonLength..(2 * seasonLength)]);
        var trend = (secondMean - firstMean) / seasonLength;

        var seasons = new double[seasonLength];
        for (var i = 0; i < seasonLength; i++)
        {
            seasons[series.PhaseAt(i)] = _form == SeasonalForm.Additive ? values[i] - firstMean : values[i] / firstMean;
        }

        return new FitState(0, firstMean, trend, 1, seasons);
    }

    private static double Mean(ReadOnlySpan<double> values)
    {
        var sum = 0.0;
        foreach (var value in values)
        {
            sum += value;
        }

        return sum / values.Length;
    }

    private sealed record FitState(double Error, double Level, double Trend, double Phi, double[] Seasons);
}
