namespace WorkflowKit.Forecasting.Internal.Models;

/// <summary>
/// Replaces isolated outliers in a training series before the model is fitted. An inner value is an outlier
/// when it is below <c>ratio</c> times, or above 1/<c>ratio</c> times, the median of the two values on each side
/// of it, and it is then replaced by that median. The first and last two values are never changed, because
/// without values on both sides a recent level shift looks the same as an outlier.
/// </summary>
/// <remarks>
/// Recording faults such as a month booked as zero for every product would otherwise pull the level and the
/// seasonal index of that month down in every later fit. The model sees only the training series, so only
/// values up to the forecast origin are read.
/// </remarks>
internal sealed class OutlierCleaning : ILocalModel
{
    private const int NeighboursPerSide = 2;

    private readonly ILocalModel _inner;
    private readonly double _ratio;

    public OutlierCleaning(ILocalModel inner, double ratio)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ratio);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(ratio, 1);
        _inner = inner;
        _ratio = ratio;
    }

    public string Name => FormattableString.Invariant($"{_inner.Name}-cleaned-{_ratio:0.0#}");

    public bool CanFit(SeriesProfile profile) => _inner.CanFit(profile);

    public double[] Forecast(TrainingSeries series, int horizon)
    {
        var cleaned = Clean(series.Values.Span, _ratio);
        var cleanedSeries = series with { Values = cleaned };
        return _inner.Forecast(cleanedSeries, horizon);
    }

    /// <summary>Returns a copy of <paramref name="values"/> with the outliers replaced.</summary>
    public static double[] Clean(ReadOnlySpan<double> values, double ratio)
    {
        var cleaned = values.ToArray();
        Span<double> neighbours = stackalloc double[2 * NeighboursPerSide];
        for (var i = NeighboursPerSide; i < values.Length - NeighboursPerSide; i++)
        {
            values.Slice(i - NeighboursPerSide, NeighboursPerSide).CopyTo(neighbours);
            values.Slice(i + 1, NeighboursPerSide).CopyTo(neighbours[NeighboursPerSide..]);
            neighbours.Sort();
            var median = (neighbours[NeighboursPerSide - 1] + neighbours[NeighboursPerSide]) / 2;
            if (median > 0 && (values[i] < ratio * median || values[i] > median / ratio))
            {
                cleaned[i] = median;
            }
        }

        return cleaned;
    }
}
