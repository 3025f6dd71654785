namespace WorkflowKit.Forecasting.Internal;

/// <summary>
/// Interval around a forecast from the chosen model's backtest errors, assuming they are normal with mean zero:
/// forecast ± z · RMSE of the same step ahead.
/// </summary>
internal static class PredictionInterval
{
    /// <summary>
    /// Returns the error scale per step. Steps beyond the longest backtested step grow with the square root of
    /// the step, as a random walk's errors do. Without any backtest error the scale is the standard deviation of
    /// the history, a rough guess that needs at least two periods. No step's scale is below the step before it:
    /// a later step's smaller backtest error comes from fewer scored points, not from less uncertainty.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// No backtest error is known and the history has fewer than two periods, which give no standard deviation.
    /// </exception>
    public static double[] ErrorScale(double[] rootMeanSquareByStep, ReadOnlySpan<double> history, int horizon)
    {
        var scale = new double[horizon];
        var lastKnown = -1;
        for (var step = 0; step < horizon; step++)
        {
            if (step < rootMeanSquareByStep.Length && !double.IsNaN(rootMeanSquareByStep[step]))
            {
                scale[step] = rootMeanSquareByStep[step];
                lastKnown = step;
            }
            else if (lastKnown >= 0)
            {
                scale[step] = scale[lastKnown] * Math.Sqrt((step + 1.0) / (lastKnown + 1.0));
            }
            else
            {
                scale[step] = HistorySpread(history);
            }

            if (step > 0)
            {
                scale[step] = Math.Max(scale[step], scale[step - 1]);
            }
        }

        return scale;
    }

    public static (double Lower, double Upper) Bounds(double forecast, double errorScale, double coverage)
    {
        var z = NormalDistribution.UpperQuantile((1 - coverage) / 2);
        return (Math.Max(0, forecast - (z * errorScale)), forecast + (z * errorScale));
    }

    private static double HistorySpread(ReadOnlySpan<double> history)
    {
        if (history.Length < 2)
        {
            throw new ArgumentException(
                $"A history of {history.Length} period(s) has no standard deviation; give no interval for it.",
                nameof(history));
        }

        var mean = 0.0;
        foreach (var value in history)
        {
            mean += value;
        }

        mean /= history.Length;
        var squares = 0.0;
        foreach (var value in history)
        {
            squares += (value - mean) * (value - mean);
        }

        return Math.Sqrt(squares / (history.Length - 1));
    }
}
