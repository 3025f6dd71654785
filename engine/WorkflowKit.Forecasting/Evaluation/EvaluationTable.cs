using System.Globalization;

namespace WorkflowKit.Forecasting.Evaluation;

/// <summary>Plain-text rendering of an <see cref="EvaluationReport"/> for the command line and the docs.</summary>
public static class EvaluationTable
{
    /// <summary>
    /// Writes the header, the per-horizon table, the per-series table and the model choices. The model choices are a
    /// table with one row per model, because a count after a name such as "different model per step" would read as
    /// part of the name.
    /// </summary>
    public static async Task WriteAsync(TextWriter writer, EvaluationReport report, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(report);

        var grain = ForecastCommands.Grain(report.Periodicity);
        await writer.WriteLineAsync(
            $"Rolling-origin evaluation of {sourceName}: {report.SeriesCount} series, {grain} grain, " +
            $"{Count(report.Origins.Count, "origin")} ({LastSeen(report)}), horizon {report.Horizon}.").ConfigureAwait(false);
        await writer.WriteLineAsync(
            "Accuracy = 1 - WAPE, pooled over all series and origins of a horizon: " +
            "1 - sum|actual - forecast| / sum|actual|.").ConfigureAwait(false);
        await writer.WriteLineAsync(
            "Each origin is the last period the forecaster saw; model selection used only periods up to it.")
            .ConfigureAwait(false);
        await writer.WriteLineAsync().ConfigureAwait(false);

        await writer.WriteLineAsync(Row("horizon", "points", "model", "seasonal-naive", "mean-of-last-3"))
            .ConfigureAwait(false);
        foreach (var row in report.Horizons)
        {
            await writer.WriteLineAsync(Row(
                row.Horizon.ToString(CultureInfo.InvariantCulture),
                row.Points.ToString(CultureInfo.InvariantCulture),
                Percent(row.Model),
                Percent(row.SeasonalNaive),
                Percent(row.MeanOfLastThree))).ConfigureAwait(false);
        }

        await writer.WriteLineAsync().ConfigureAwait(false);
        await writer.WriteLineAsync(Row("series", "actual", "model", "seasonal-naive", "mean-of-last-3"))
            .ConfigureAwait(false);
        foreach (var row in report.Series)
        {
            await writer.WriteLineAsync(Row(
                row.Series.ToString(),
                row.NetActual.ToString("0", CultureInfo.InvariantCulture),
                Percent(row.Model),
                Percent(row.SeasonalNaive),
                Percent(row.MeanOfLastThree))).ConfigureAwait(false);
        }

        await writer.WriteLineAsync().ConfigureAwait(false);
        await writer.WriteLineAsync($"{"model chosen",-40} {"times",8}").ConfigureAwait(false);
        foreach (var (model, count) in report.ModelChoices)
        {
            await writer.WriteLineAsync($"{model,-40} {count,8}").ConfigureAwait(false);
        }

        await writer.WriteLineAsync($"Times are counted over origins and series ({Count(report.Origins.Count, "origin")} x " +
                                    $"{Count(report.SeriesCount, "series")}).").ConfigureAwait(false);
    }

    private static string Count(int count, string noun) =>
        count == 1 || noun == "series" ? $"{count} {noun}" : $"{count} {noun}s";

    private static string LastSeen(EvaluationReport report) =>
        report.Origins.Count == 1
            ? $"last period seen {Date(report.Origins[0])}"
            : $"last period seen {Date(report.Origins[0])} to {Date(report.Origins[^1])}";

    private static string Row(string first, string second, string model, string seasonal, string meanOfLastThree) =>
        $"{first,-24} {second,8} {model,8} {seasonal,15} {meanOfLastThree,15}";

    private static string Percent(double accuracy) =>
        double.IsNaN(accuracy) ? "n/a" : accuracy.ToString("0.0%", CultureInfo.InvariantCulture);

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
