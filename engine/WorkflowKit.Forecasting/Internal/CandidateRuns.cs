namespace WorkflowKit.Forecasting.Internal;

/// <summary>
/// Forecasts of every candidate on every series of a panel, fitted on the periods up to an origin, computed once per
/// origin. The candidate backtest of one origin and that of the next share all but one origin, so the method backtest,
/// which repeats the candidate backtest at each of its origins, fits each origin once.
/// </summary>
internal sealed class CandidateRuns
{
    private readonly SeriesPanel _window;
    private readonly IReadOnlyList<bool> _intermittent;
    private readonly int _horizon;
    private readonly CandidateForecaster _candidates;
    private readonly Dictionary<int, Dictionary<string, double[]>[]> _byOrigin = [];

    public CandidateRuns(
        SeriesPanel window, IReadOnlyList<bool> intermittent, int horizon, CandidateForecaster candidates)
    {
        _window = window;
        _intermittent = intermittent;
        _horizon = horizon;
        _candidates = candidates;
    }

    /// <summary>
    /// Returns per series the forecast of each candidate fitted on the periods up to <paramref name="origin"/>. Before
    /// the end of the history each forecast is cut after the history's last period, because only those steps are
    /// scored, which bounds the memory held for long horizons.
    /// </summary>
    public Dictionary<string, double[]>[] At(int origin)
    {
        if (_byOrigin.TryGetValue(origin, out var cached))
        {
            return cached;
        }

        var training = _window.Series.Select(history => ForecastEngine.ToTraining(history, origin, _window)).ToList();
        var forecasts = _candidates.ForecastAll(training, _intermittent, _horizon);
        var scoredSteps = Math.Min(_horizon, _window.EndIndex - origin);
        if (origin < _window.EndIndex && scoredSteps < _horizon)
        {
            foreach (var series in forecasts)
            {
                foreach (var candidate in series.Keys.ToList())
                {
                    series[candidate] = series[candidate][..scoredSteps];
                }
            }
        }

        _byOrigin[origin] = forecasts;
        return forecasts;
    }
}
