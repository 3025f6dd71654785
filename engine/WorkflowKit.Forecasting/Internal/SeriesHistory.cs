namespace WorkflowKit.Forecasting.Internal;

/// <summary>
/// Quantities of one series per period, gap-free: periods without sales hold zero.
/// <see cref="Values"/>[i] belongs to period index <see cref="StartIndex"/> + i.
/// </summary>
internal sealed class SeriesHistory
{
    public SeriesHistory(SeriesKey key, int startIndex, double[] values)
    {
        Key = key;
        StartIndex = startIndex;
        Values = values;
    }

    public SeriesKey Key { get; }

    public int StartIndex { get; }

    public double[] Values { get; }

    public int EndIndex => StartIndex + Values.Length - 1;

    /// <summary>
    /// Returns the series cut after period <paramref name="lastIndex"/>, or null when it starts later.
    /// </summary>
    public SeriesHistory? TruncateAfter(int lastIndex)
    {
        if (lastIndex < StartIndex)
        {
            return null;
        }

        var length = Math.Min(Values.Length, lastIndex - StartIndex + 1);
        return length == Values.Length ? this : new SeriesHistory(Key, StartIndex, Values[..length]);
    }

    /// <summary>Returns at most the last <paramref name="maxLength"/> periods.</summary>
    public SeriesHistory KeepLast(int maxLength)
    {
        if (Values.Length <= maxLength)
        {
            return this;
        }

        var skip = Values.Length - maxLength;
        return new SeriesHistory(Key, StartIndex + skip, Values[skip..]);
    }
}
