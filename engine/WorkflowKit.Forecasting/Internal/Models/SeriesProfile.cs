namespace WorkflowKit.Forecasting.Internal.Models;

/// <summary>Shape of a training series that decides which models may run on it.</summary>
internal sealed record SeriesProfile(int Length, int NonZeroCount, bool AllPositive, int SeasonLength)
{
    /// <summary>
    /// Average demand interval above which a series counts as intermittent: 1.32 periods per non-zero period,
    /// the cut-off of the Syntetos–Boylan demand classification.
    /// </summary>
    public const double IntermittentDemandInterval = 1.32;

    public bool IsAllZero => NonZeroCount == 0;

    public bool IsIntermittent => NonZeroCount > 0 && (double)Length / NonZeroCount >= IntermittentDemandInterval;

    /// <summary>True when at least two full seasonal cycles are available, the minimum for seasonal models.</summary>
    public bool HasTwoSeasons => SeasonLength > 1 && Length >= 2 * SeasonLength;

    public static SeriesProfile Of(TrainingSeries series)
    {
        var nonZero = 0;
        var allPositive = true;
        foreach (var value in series.Values.Span)
        {
            if (value != 0)
            {
                nonZero++;
            }

            if (value <= 0)
            {
                allPositive = false;
            }
        }

        return new SeriesProfile(series.Length, nonZero, allPositive, series.SeasonLength);
    }
}
