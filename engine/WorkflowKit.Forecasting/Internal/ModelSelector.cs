namespace WorkflowKit.Forecasting.Internal;

/// <summary>
/// Picks the candidate with the smallest sum of absolute backtest errors, per series or for all series.
/// Ties go to the simpler candidate, as ranked by <see cref="CandidateForecaster.OrderOf"/>.
/// </summary>
internal static class ModelSelector
{
    /// <summary>Fewest backtest origins a series needs before its errors decide anything.</summary>
    public const int MinimumBacktestOrigins = 2;

    /// <summary>Returns the chosen candidate per series, or null where the series needs a fallback.</summary>
    public static string?[] Choose(IReadOnlyList<SeriesBacktest> backtests, ModelSelection selection)
    {
        var perSeries = backtests.Select(BestOf).ToArray();
        if (selection == ModelSelection.PerSeries)
        {
            return perSeries;
        }

        var globalBest = GlobalBest(backtests, perSeries);
        var chosen = new string?[backtests.Count];
        for (var s = 0; s < backtests.Count; s++)
        {
            var eligible = IsScored(backtests[s]) && backtests[s].EligibleCandidates.Contains(globalBest);
            chosen[s] = eligible ? globalBest : perSeries[s];
        }

        return chosen;
    }

    /// <summary>
    /// Returns per series the candidate with the smallest backtest error at each step ahead, among the candidates
    /// eligible for the whole horizon, or null where the series needs a fallback. A step that the backtest did not
    /// score keeps <paramref name="chosen"/>, the candidate chosen for all steps.
    /// </summary>
    public static string[]?[] ChooseByStep(IReadOnlyList<SeriesBacktest> backtests, string?[] chosen)
    {
        var result = new string[]?[backtests.Count];
        for (var s = 0; s < backtests.Count; s++)
        {
            if (chosen[s] is not { } overall)
            {
                continue;
            }

            var backtest = backtests[s];
            var candidates = backtest.EligibleCandidates.ToList();
            var steps = new string[backtest.Horizon];
            for (var step = 0; step < steps.Length; step++)
            {
                var scored = backtest.Scores[overall].CountAt(step) > 0;
                steps[step] = scored ? BestAt(backtest, candidates, step) : overall;
            }

            result[s] = steps;
        }

        return result;
    }

    private static string BestAt(SeriesBacktest backtest, List<string> candidates, int step) =>
        candidates
            .OrderBy(candidate => backtest.Scores[candidate].AbsoluteErrorAt(step))
            .ThenBy(CandidateForecaster.OrderOf)
            .ThenBy(candidate => candidate, StringComparer.Ordinal)
            .First();

    private static string? BestOf(SeriesBacktest backtest)
    {
        if (!IsScored(backtest))
        {
            return null;
        }

        return backtest.EligibleCandidates
            .OrderBy(candidate => backtest.Scores[candidate].AbsoluteError)
            .ThenBy(CandidateForecaster.OrderOf)
            .ThenBy(candidate => candidate, StringComparer.Ordinal)
            .FirstOrDefault();
    }

    /// <summary>
    /// Scores each candidate by its error summed over all series, counting a series where it cannot run at that
    /// series' own best error, and returns the lowest.
    /// </summary>
    private static string? GlobalBest(IReadOnlyList<SeriesBacktest> backtests, string?[] perSeries)
    {
        var candidates = backtests
            .Where(IsScored)
            .SelectMany(backtest => backtest.EligibleCandidates)
            .Distinct(StringComparer.Ordinal)
            .OrderBy(CandidateForecaster.OrderOf)
            .ThenBy(candidate => candidate, StringComparer.Ordinal)
            .ToList();

        string? best = null;
        var bestError = double.PositiveInfinity;
        foreach (var candidate in candidates)
        {
            var total = 0.0;
            for (var s = 0; s < backtests.Count; s++)
            {
                var backtest = backtests[s];
                if (!IsScored(backtest) || perSeries[s] is null)
                {
                    continue;
                }

                var own = backtest.EligibleCandidates.Contains(candidate) ? candidate : perSeries[s]!;
                total += backtest.Scores[own].AbsoluteError;
            }

            if (total < bestError)
            {
                bestError = total;
                best = candidate;
            }
        }

        return best;
    }

    private static bool IsScored(SeriesBacktest backtest) => backtest.Origins >= MinimumBacktestOrigins;
}
