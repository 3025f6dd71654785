namespace WorkflowKit.Forecasting.Internal.Models;

/// <summary>
/// Croston's method with the Syntetos–Boylan approximation (SBA) for intermittent demand: demand sizes and the
/// intervals between non-zero periods are smoothed separately, and the flat forecast is
/// (1 − α/2) · size / interval, a demand rate per period. α comes from a fixed grid by the smallest sum of squared
/// one-step-ahead errors, zeros included.
/// </summary>
internal sealed class CrostonModel : ILocalModel
{
    private static readonly double[] AlphaGrid = [0.05, 0.1, 0.2, 0.3];

    public string Name => "croston-sba";

    public bool CanFit(SeriesProfile profile) => profile.NonZeroCount >= 2;

    public double[] Forecast(TrainingSeries series, int horizon)
    {
        var values = series.Values.Span;
        var first = values.IndexOfAnyExcept(0.0);

        var bestError = double.PositiveInfinity;
        var bestRate = 0.0;
        foreach (var alpha in AlphaGrid)
        {
            var size = values[first];
            var interval = first + 1.0;
            var periodsSinceDemand = 1;
            var squaredError = 0.0;
            for (var i = first + 1; i < values.Length; i++)
            {
                var error = values[i] - Rate(size, interval, alpha);
                squaredError += error * error;
                if (values[i] != 0)
                {
                    size += alpha * (values[i] - size);
                    interval += alpha * (periodsSinceDemand - interval);
                    periodsSinceDemand = 1;
                }
                else
                {
                    periodsSinceDemand++;
                }
            }

            if (squaredError < bestError)
            {
                bestError = squaredError;
                bestRate = Rate(size, interval, alpha);
            }
        }

        var forecast = new double[horizon];
        Array.Fill(forecast, bestRate);
        return forecast;
    }

    private static double Rate(double size, double interval, double alpha) => (1 - (alpha / 2)) * size / interval;
}
