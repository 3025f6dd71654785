namespace WorkflowKit.Forecasting.Internal.Models;

/// <summary>
/// Theta method in its usual formulation as simple exponential smoothing with drift. The seasonally adjusted series
/// is smoothed by the robust form of <see cref="SimpleExponentialSmoothingModel"/>, and half the slope b of its
/// least-squares line is added, so the forecast at step h is ℓ + b/2 · (h − 1 + 1/α − (1 − α)^n / α). Series
/// shorter than two cycles are not adjusted, and the season comes from <see cref="SeasonalIndices"/>.
/// </summary>
internal sealed class ThetaModel : ILocalModel
{
    public string Name => "theta";

    public bool CanFit(SeriesProfile profile) => profile.Length >= 3;

    public double[] Forecast(TrainingSeries series, int horizon)
    {
        var values = series.Values.Span;
        var indices = SeriesProfile.Of(series).HasTwoSeasons ? SeasonalIndices.Estimate(series) : null;

        var adjusted = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            adjusted[i] = indices?.Remove(values[i], series.PhaseAt(i)) ?? values[i];
        }

        var slope = LeastSquaresSlope(adjusted);
        var (level, alpha) = SimpleExponentialSmoothingModel.Fit(adjusted, robust: true);
        var decay = Math.Pow(1 - alpha, adjusted.Length) / alpha;

        var forecast = new double[horizon];
        for (var step = 1; step <= horizon; step++)
        {
            var value = level + (slope / 2 * (step - 1 + (1 / alpha) - decay));
            var phase = series.PhaseAt(values.Length + step - 1);
            forecast[step - 1] = indices?.Apply(value, phase) ?? value;
        }

        return forecast;
    }

    private static double LeastSquaresSlope(double[] values)
    {
        var meanX = (values.Length - 1) / 2.0;
        var meanY = values.Average();
        var covariance = 0.0;
        var variance = 0.0;
        for (var i = 0; i < values.Length; i++)
        {
            covariance += (i - meanX) * (values[i] - meanY);
            variance += (i - meanX) * (i - meanX);
        }

        return covariance / variance;
    }
}
