namespace WorkflowKit.Forecasting.Internal;

/// <summary>All series of one history at one grain; every series ends at <see cref="EndIndex"/>.</summary>
internal sealed class SeriesPanel
{
    public SeriesPanel(PeriodCalendar calendar, int endIndex, IReadOnlyList<SeriesHistory> series)
    {
        Calendar = calendar;
        EndIndex = endIndex;
        Series = series;
    }

    public PeriodCalendar Calendar { get; }

    public int EndIndex { get; }

    public IReadOnlyList<SeriesHistory> Series { get; }

    public int SeasonLength => Calendar.SeasonLength;

    /// <summary>Returns the panel as it was known at the end of period <paramref name="lastIndex"/>.</summary>
    public SeriesPanel TruncateAfter(int lastIndex)
    {
        var series = new List<SeriesHistory>(Series.Count);
        foreach (var history in Series)
        {
            var truncated = history.TruncateAfter(lastIndex);
            if (truncated is not null)
            {
                series.Add(truncated);
            }
        }

        return new SeriesPanel(Calendar, Math.Min(lastIndex, EndIndex), series);
    }

    public SeriesPanel KeepLast(int maxLength)
    {
        var series = Series.Select(history => history.KeepLast(maxLength)).ToList();
        return new SeriesPanel(Calendar, EndIndex, series);
    }
}
