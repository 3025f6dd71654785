namespace WorkflowKit.Forecasting.Internal.Models;

/// <summary>
/// Seasonal indices by classical decomposition. Each value is compared with the centred moving average of one
/// cycle around it, which is a 2×m average when the cycle length m is even. The index of a phase is the median
/// of those comparisons, normalised so that the indices average to 1 (multiplicative) or 0 (additive).
/// </summary>
internal sealed class SeasonalIndices
{
    private readonly double[] _indices;

    private SeasonalIndices(SeasonalForm form, double[] indices)
    {
        Form = form;
        _indices = indices;
    }

    public SeasonalForm Form { get; }

    /// <summary>
    /// Estimates the indices from a series of at least two cycles. The form is multiplicative when the series
    /// is strictly positive and every index stays above 0.05, otherwise additive.
    /// </summary>
    public static SeasonalIndices Estimate(TrainingSeries series)
    {
        var centred = CentredMovingAverage(series.Values.Span, series.SeasonLength);
        var multiplicative = SeriesProfile.Of(series).AllPositive;
        if (multiplicative)
        {
            var indices = Indices(series, centred, SeasonalForm.Multiplicative);
            if (indices.All(index => index > 0.05))
            {
                return new SeasonalIndices(SeasonalForm.Multiplicative, indices);
            }
        }

        return new SeasonalIndices(SeasonalForm.Additive, Indices(series, centred, SeasonalForm.Additive));
    }

    public double Remove(double value, int phase) =>
        Form == SeasonalForm.Additive ? value - _indices[phase] : value / _indices[phase];

    public double Apply(double value, int phase) =>
        Form == SeasonalForm.Additive ? value + _indices[phase] : value * _indices[phase];

    private static double[] Indices(TrainingSeries series, double?[] centred, SeasonalForm form)
    {
        var values = series.Values.Span;
        var byPhase = new List<double>[series.SeasonLength];
        for (var phase = 0; phase < byPhase.Length; phase++)
        {
            byPhase[phase] = [];
        }

        for (var i = 0; i < values.Length; i++)
        {
            if (centred[i] is { } average && (form == SeasonalForm.Additive || average > 0))
            {
                var ratio = form == SeasonalForm.Additive ? values[i] - average : values[i] / average;
                byPhase[series.PhaseAt(i)].Add(ratio);
            }
        }

        var neutral = form == SeasonalForm.Additive ? 0.0 : 1.0;
        var indices = byPhase.Select(ratios => ratios.Count == 0 ? neutral : Median(ratios)).ToArray();
        var mean = indices.Average();
        for (var phase = 0; phase < indices.Length; phase++)
        {
            indices[phase] = form == SeasonalForm.Additive ? indices[phase] - mean : indices[phase] / mean;
        }

        return indices;
    }

    private static double?[] CentredMovingAverage(ReadOnlySpan<double> values, int seasonLength)
    {
        var result = new double?[values.Length];
        var half = seasonLength / 2;
        for (var i = half; i < values.Length - half; i++)
        {
            var sum = 0.0;
            if (seasonLength % 2 == 0)
            {
                sum += 0.5 * (values[i - half] + values[i + half]);
                for (var j = i - half + 1; j < i + half; j++)
                {
                    sum += values[j];
                }
            }
            else
            {
                for (var j = i - half; j <= i + half; j++)
                {
                    sum += values[j];
                }
            }

            result[i] = sum / seasonLength;
        }

        return result;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        var middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
