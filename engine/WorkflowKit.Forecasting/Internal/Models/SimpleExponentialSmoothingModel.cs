namespace WorkflowKit.Forecasting.Internal.Models;

/// <summary>
/// Simple exponential smoothing: a flat forecast at the smoothed level. The smoothing constant is picked from
/// a fixed grid by the smallest sum of squared one-step-ahead errors.
/// </summary>
internal sealed class SimpleExponentialSmoothingModel : ILocalModel
{
    private static readonly double[] AlphaGrid = [0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.7, 0.9];

    public string Name => "ses";

    public bool CanFit(SeriesProfile profile) => profile.Length >= 2;

    public double[] Forecast(TrainingSeries series, int horizon)
    {
        var forecast = new double[horizon];
        Array.Fill(forecast, SmoothedLevel(series.Values.Span));
        return forecast;
    }

    /// <summary>Returns the final level of the best-fitting smoothing constant.</summary>
    public static double SmoothedLevel(ReadOnlySpan<double> values) => Fit(values).Level;

    /// <summary>Picks the smoothing constant α from the grid and returns it with the final level.</summary>
    public static (double Level, double Alpha) Fit(ReadOnlySpan<double> values)
    {
        var bestError = double.PositiveInfinity;
        var best = (Level: values[^1], Alpha: 1.0);
        foreach (var alpha in AlphaGrid)
        {
            var level = values[0];
            var squaredError = 0.0;
            for (var i = 1; i < values.Length; i++)
            {
                var error = values[i] - level;
                squaredError += error * error;
                level += alpha * error;
            }

            if (squaredError < bestError)
            {
                bestError = squaredError;
                best = (level, alpha);
            }
        }

        return best;
    }
}
