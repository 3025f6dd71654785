namespace WorkflowKit.Forecasting.Internal;

/// <summary>
/// Backtest results of all candidates on one series, and the forecasts each made at the final origin.
/// </summary>
internal sealed class SeriesBacktest
{
    public SeriesBacktest(int horizon)
    {
        Horizon = horizon;
    }

    public int Horizon { get; }

    /// <summary>Number of backtest origins at which the series had at least one period of history.</summary>
    public int Origins { get; set; }

    public Dictionary<string, BacktestScore> Scores { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, double[]> FinalForecasts { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Candidates that forecast at every backtest origin and at the final origin, so that their errors cover
    /// the same periods and compare fairly.
    /// </summary>
    public IEnumerable<string> EligibleCandidates =>
        Scores
            .Where(pair => pair.Value.Origins == Origins && FinalForecasts.ContainsKey(pair.Key))
            .Select(pair => pair.Key);

    public void Record(string candidate, double[] forecast, ReadOnlySpan<double> actualsAfterOrigin)
    {
        if (!Scores.TryGetValue(candidate, out var score))
        {
            score = new BacktestScore(Horizon);
            Scores.Add(candidate, score);
        }

        score.Add(forecast, actualsAfterOrigin);
    }
}
