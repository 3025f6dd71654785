namespace WorkflowKit.Forecasting.Internal.Models;

/// <summary>
/// Lag and calendar features for the FastTree model. Quantities are divided by the mean of the last cycle
/// before the origin, so that one tree ensemble serves series of any size and the prediction is multiplied back.
/// </summary>
internal static class FastTreeFeatures
{
    public const int Count = 9;

    /// <summary>Smallest origin index with three lags and one full cycle behind it.</summary>
    public static int FirstOrigin(int seasonLength) => Math.Max(2, seasonLength - 1);

    /// <summary>Returns the mean of the cycle ending at <paramref name="origin"/>; zero means "cannot scale".</summary>
    public static double Scale(ReadOnlySpan<double> values, int origin, int seasonLength)
    {
        var window = Math.Min(Math.Max(seasonLength, 3), origin + 1);
        var sum = 0.0;
        for (var i = origin - window + 1; i <= origin; i++)
        {
            sum += values[i];
        }

        var mean = sum / window;
        return mean > 1e-9 ? mean : 0;
    }

    /// <summary>
    /// Fills <paramref name="features"/> for forecasting the value <paramref name="step"/> periods after
    /// <paramref name="origin"/> from the values up to and including the origin.
    /// </summary>
    public static void Fill(TrainingSeries series, int origin, int step, double scale, Span<float> features)
    {
        var values = series.Values.Span;
        var seasonLength = series.SeasonLength;

        // The same phase as the target in the last cycle that is fully observed: the seasonal naive value.
        var cyclesBack = (step + seasonLength - 1) / seasonLength;
        var seasonalLag = origin + step - (cyclesBack * seasonLength);

        features[0] = step;
        features[1] = series.PhaseAt(origin + step);
        features[2] = (float)(values[origin] / scale);
        features[3] = (float)(values[origin - 1] / scale);
        features[4] = (float)(values[origin - 2] / scale);
        features[5] = (float)((values[origin] + values[origin - 1] + values[origin - 2]) / 3 / scale);
        features[6] = seasonalLag >= 0 ? (float)(values[seasonalLag] / scale) : -1f;
        features[7] = seasonalLag >= 1 && seasonalLag + 1 <= origin
            ? (float)((values[seasonalLag - 1] + values[seasonalLag] + values[seasonalLag + 1]) / 3 / scale)
            : -1f;
        features[8] = (float)YearOnYearGrowth(values, origin, seasonLength);
    }

    /// <summary>
    /// Returns the mean of the last cycle divided by the mean of the cycle before it, or 1 when unknown.
    /// </summary>
    private static double YearOnYearGrowth(ReadOnlySpan<double> values, int origin, int seasonLength)
    {
        if (origin + 1 < 2 * seasonLength)
        {
            return 1;
        }

        var recent = 0.0;
        var previous = 0.0;
        for (var i = 0; i < seasonLength; i++)
        {
            recent += values[origin - i];
            previous += values[origin - seasonLength - i];
        }

        return previous > 1e-9 ? recent / previous : 1;
    }
}
