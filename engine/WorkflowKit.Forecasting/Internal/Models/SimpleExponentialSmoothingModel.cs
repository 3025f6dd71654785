namespace WorkflowKit.Forecasting.Internal.Models;

/// <summary>
/// Simple exponential smoothing: a flat forecast at the smoothed level. The smoothing constant is picked from
/// a fixed grid by the smallest sum of one-step-ahead losses.
/// </summary>
/// <remarks>
/// The robust form, used for regular series and inside the seasonal and Theta models, clips each one-step error
/// at <see cref="HuberLimit"/> times a robust scale of the series before it moves the level, and scores the
/// grid by the Huber loss, which grows linearly instead of quadratically beyond that limit. One bad period
/// therefore moves the level by a bounded step, and a lasting shift moves it by up to that step every period
/// until the level catches up. The plain form, for intermittent series, moves the level by the whole error and
/// scores by squared errors, so that it keeps tracking the mean demand rate.
/// </remarks>
internal sealed class SimpleExponentialSmoothingModel : ILocalModel
{
    /// <summary>
    /// Errors beyond this many scale units count as outlying. About 95% of normally distributed errors stay within
    /// 2 standard deviations, so ordinary periods are smoothed as by the plain form.
    /// </summary>
    public const double HuberLimit = 2.0;

    /// <summary>Factor that turns the median absolute deviation of normal data into its standard deviation.</summary>
    private const double NormalMadFactor = 1.4826;

    private static readonly double[] AlphaGrid = [0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.7, 0.9];

    private readonly bool _robust;

    /// <summary>Creates the model in its robust form, or in its plain form when <paramref name="robust"/> is false.</summary>
    public SimpleExponentialSmoothingModel(bool robust = true)
    {
        _robust = robust;
    }

    public string Name => "ses";

    public bool CanFit(SeriesProfile profile) => profile.Length >= 2;

    public double[] Forecast(TrainingSeries series, int horizon)
    {
        var forecast = new double[horizon];
        Array.Fill(forecast, Fit(series.Values.Span, _robust).Level);
        return forecast;
    }

    /// <summary>
    /// Picks the smoothing constant α from the grid and returns it with the final level. The robust form falls
    /// back to the plain one when the series has no spread to scale by (see <see cref="RobustScale"/>).
    /// </summary>
    public static (double Level, double Alpha) Fit(ReadOnlySpan<double> values, bool robust)
    {
        var scale = robust ? RobustScale(values) : 0;
        var bestLoss = double.PositiveInfinity;
        var best = (Level: values[^1], Alpha: 1.0);
        foreach (var alpha in AlphaGrid)
        {
            var level = values[0];
            var loss = 0.0;
            for (var i = 1; i < values.Length; i++)
            {
                var error = values[i] - level;
                if (scale > 0)
                {
                    loss += HuberLoss(error / scale);
                    error = Math.Clamp(error, -HuberLimit * scale, HuberLimit * scale);
                }
                else
                {
                    loss += error * error;
                }

                level += alpha * error;
            }

            if (loss < bestLoss)
            {
                bestLoss = loss;
                best = (level, alpha);
            }
        }

        return best;
    }

    /// <summary>
    /// Estimates the standard deviation of the period-to-period noise from the median absolute deviation of the
    /// first differences, divided by √2 because a difference contains the noise of two periods. Differences ignore
    /// the level and a slow trend, and the median ignores isolated outliers. Returns 0 for fewer than three values,
    /// and 0 when most differences are equal, for example on a constant series.
    /// </summary>
    public static double RobustScale(ReadOnlySpan<double> values)
    {
        if (values.Length < 3)
        {
            return 0;
        }

        var differences = new double[values.Length - 1];
        for (var i = 1; i < values.Length; i++)
        {
            differences[i - 1] = values[i] - values[i - 1];
        }

        var center = Median(differences);
        var deviations = differences.Select(difference => Math.Abs(difference - center)).ToArray();
        return NormalMadFactor * Median(deviations) / Math.Sqrt(2);
    }

    /// <summary>Huber loss of an error in scale units: quadratic up to <see cref="HuberLimit"/>, linear beyond.</summary>
    private static double HuberLoss(double units)
    {
        var size = Math.Abs(units);
        return size <= HuberLimit ? units * units / 2 : (HuberLimit * size) - (HuberLimit * HuberLimit / 2);
    }

    private static double Median(double[] values)
    {
        Array.Sort(values);
        var middle = values.Length / 2;
        return values.Length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
