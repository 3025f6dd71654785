using WorkflowKit.Forecasting.Internal;

namespace WorkflowKit.Forecasting;

/// <summary>
/// Forecasts demand per series (customer and product, or product alone) from sales history in long form.
/// </summary>
/// <remarks>
/// The history is summed to the chosen grain, and periods without sales count as zero demand. The candidate
/// models are Holt-Winters (additive and multiplicative, damped trend), a seasonally adjusted exponential
/// smoothing, damped Holt, simple exponential smoothing, a FastTree regression on lag and calendar features,
/// a blend of the seasonal models and FastTree, seasonal naive, naive and a three-period moving average.
/// Each is backtested on rolling origins inside the history and refitted at each origin on the periods before
/// it. The one with the smallest absolute error is used. Intermittent series choose among Croston (SBA),
/// exponential smoothing and a moving average instead. Series too short to backtest use the mean of their last
/// three periods or fewer. Forecasts are never negative.
/// </remarks>
public sealed class DemandForecaster
{
    private readonly ForecastOptions _options;

    public DemandForecaster(ForecastOptions? options = null)
    {
        _options = options ?? ForecastOptions.Default;
        _options.Validate();
    }

    /// <summary>Number of years that <see cref="MaxHorizon"/> allows a forecast to reach.</summary>
    public const int MaxHorizonYears = 10;

    /// <summary>
    /// Returns the largest horizon accepted at <paramref name="periodicity"/>: <see cref="MaxHorizonYears"/> years,
    /// that is 120 months, 520 weeks or 3650 days. Smoothing models extrapolate a level, trend and season, which
    /// history cannot support that far ahead, and the limit keeps a mistyped horizon from exhausting memory.
    /// </summary>
    public static int MaxHorizon(Periodicity periodicity) => periodicity switch
    {
        Periodicity.Day => MaxHorizonYears * 365,
        Periodicity.Week => MaxHorizonYears * 52,
        _ => MaxHorizonYears * 12,
    };

    /// <summary>
    /// Forecasts the <paramref name="horizon"/> periods after the last period of the history, for every series
    /// in it. The result is ordered by customer, then product.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// The horizon is less than 1 or more than <see cref="MaxHorizon"/>, or the periodicity is unknown.
    /// </exception>
    /// <exception cref="ArgumentException">
    /// An observation is null or has an empty product, the quantities of one series and period sum past the range of
    /// <see cref="decimal"/>, or the forecast periods would end after 9999-12-31.
    /// </exception>
    public IReadOnlyList<SeriesForecast> Forecast(
        IEnumerable<SalesObservation> history,
        Periodicity periodicity,
        int horizon,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(horizon, MaxHorizon(periodicity));

        var calendar = new PeriodCalendar(periodicity, _options.WeekStart);
        var panel = SeriesPanelBuilder.Build(history, calendar);
        if (panel.Series.Count > 0 && panel.EndIndex > calendar.LastIndex - horizon)
        {
            var grain = periodicity.ToString().ToLowerInvariant();
            throw new ArgumentException(
                $"The history ends in the {grain} of {calendar.StartOf(panel.EndIndex):yyyy-MM-dd}, so a forecast " +
                $"{horizon} {grain} periods ahead would pass {DateOnly.MaxValue:yyyy-MM-dd}, the last date that can " +
                "be represented. Check the dates of the history for a mistyped year.");
        }

        return new ForecastEngine(_options).Forecast(panel, horizon, cancellationToken);
    }
}
