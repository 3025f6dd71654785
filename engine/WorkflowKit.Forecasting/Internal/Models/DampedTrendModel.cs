namespace WorkflowKit.Forecasting.Internal.Models;

/// <summary>
/// Holt's linear method with a damped trend (Gardner and McKenzie): level and trend smoothing, with the trend
/// multiplied by φ each step ahead so that long forecasts flatten out. Parameters come from a fixed grid by the
/// smallest sum of squared one-step-ahead errors.
/// </summary>
internal sealed class DampedTrendModel : ILocalModel
{
    private static readonly double[] AlphaGrid = [0.1, 0.2, 0.3, 0.5, 0.8];
    private static readonly double[] BetaGrid = [0.01, 0.05, 0.1, 0.2];
    private static readonly double[] PhiGrid = [0.8, 0.9, 0.98];

    public string Name => "holt-damped";

    public bool CanFit(SeriesProfile profile) => profile.Length >= 4;

    public double[] Forecast(TrainingSeries series, int horizon)
    {
        var values = series.Values.Span;
        var trendSpan = Math.Min(values.Length - 1, 3);
        var initialTrend = (values[trendSpan] - values[0]) / trendSpan;

        var best = (Error: double.PositiveInfinity, Level: values[^1], Trend: 0.0, Phi: 1.0);
        foreach (var alpha in AlphaGrid)
        {
            foreach (var beta in BetaGrid)
            {
                foreach (var phi in PhiGrid)
                {
                    var level = values[0];
                    var trend = initialTrend;
                    var squaredError = 0.0;
                    for (var i = 1; i < values.Length; i++)
                    {
                        var predicted = level + (phi * trend);
                        var error = values[i] - predicted;
                        squaredError += error * error;
                        var newLevel = predicted + (alpha * error);
                        trend = (beta * (newLevel - level)) + ((1 - beta) * phi * trend);
                        level = newLevel;
                    }

                    if (squaredError < best.Error)
                    {
                        best = (squaredError, level, trend, phi);
                    }
                }
            }
        }

        return DampedPath(best.Level, best.Trend, best.Phi, horizon);
    }

    /// <summary>Returns level + (φ + φ² + … + φ^h) · trend for h = 1 … horizon.</summary>
    public static double[] DampedPath(double level, double trend, double phi, int horizon)
    {
        var forecast = new double[horizon];
        var damping = 0.0;
        var power = 1.0;
        for (var step = 0; step < horizon; step++)
        {
            power *= phi;
            damping += power;
            forecast[step] = level + (damping * trend);
        }

        return forecast;
    }
}
