namespace WorkflowKit.Forecasting.Internal;

/// <summary>Sums observations per series and period and fills periods without sales with zero.</summary>
internal static class SeriesPanelBuilder
{
    /// <summary>
    /// Builds the panel. Each series starts at its first observation and ends at the last period of the whole
    /// history, so a product that stopped selling carries zeros up to the end.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// An observation is null or has an empty product, or the quantities of one series and period sum past the range
    /// of <see cref="decimal"/>.
    /// </exception>
    public static SeriesPanel Build(IEnumerable<SalesObservation> observations, PeriodCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(observations);

        var totals = new Dictionary<SeriesKey, SortedDictionary<int, decimal>>();
        var endIndex = int.MinValue;
        var position = 0;
        foreach (var observation in observations)
        {
            position++;
            if (observation is null)
            {
                throw new ArgumentException($"Observation {position} is null.", nameof(observations));
            }

            if (observation.Product is null || SeriesKey.NormalizeName(observation.Product).Length == 0)
            {
                throw new ArgumentException(
                    $"Observation {position} ({observation.Date:yyyy-MM-dd}) has an empty product. " +
                    "Every observation needs a product.",
                    nameof(observations));
            }

            var key = SeriesKey.From(observation.Customer, observation.Product);
            if (!totals.TryGetValue(key, out var periods))
            {
                periods = [];
                totals.Add(key, periods);
            }

            var index = calendar.IndexOf(observation.Date);
            periods[index] = Add(periods.GetValueOrDefault(index), observation, key, calendar, index);
            endIndex = Math.Max(endIndex, index);
        }

        var series = new List<SeriesHistory>(totals.Count);
        foreach (var (key, periods) in totals.OrderBy(pair => pair.Key))
        {
            var startIndex = periods.Keys.First();
            var values = new double[endIndex - startIndex + 1];
            foreach (var (index, quantity) in periods)
            {
                values[index - startIndex] = (double)quantity;
            }

            series.Add(new SeriesHistory(key, startIndex, values));
        }

        return new SeriesPanel(calendar, endIndex, series);
    }

    /// <exception cref="ArgumentException">The total passes the range of <see cref="decimal"/>.</exception>
    private static decimal Add(
        decimal total, SalesObservation observation, SeriesKey key, PeriodCalendar calendar, int index)
    {
        try
        {
            return total + observation.Quantity;
        }
        catch (OverflowException exception)
        {
            var grain = calendar.Periodicity.ToString().ToLowerInvariant();
            throw new ArgumentException(
                $"The quantities of series '{key}' in the {grain} of {calendar.StartOf(index):yyyy-MM-dd} sum to " +
                $"more than {decimal.MaxValue} in absolute value, the range of decimal. Check the quantities of " +
                "that series for a wrong unit or extra digits, or forecast in a larger unit such as thousands.",
                exception);
        }
    }
}
