using System.Globalization;
using WorkflowKit.Forecasting.Csv;
using WorkflowKit.Forecasting.Evaluation;
using WorkflowKit.Forecasting.Internal;

namespace WorkflowKit.Forecasting;

/// <summary>
/// Entry points for the <c>workflowkit forecast</c> and <c>workflowkit forecast evaluate</c> commands. Input files
/// may be long form (<c>date,customer,product,quantity</c>) or the wide pharma-sales form; the header decides.
/// </summary>
/// <remarks>
/// Exit codes: <see cref="Success"/>, <see cref="InvalidInput"/> when the input file is unreadable or too short
/// or the output file cannot be written, and <see cref="InvalidArguments"/> when an argument is out of range or
/// the input path names no file. Messages go to the error writer.
/// Cancellation throws <see cref="OperationCanceledException"/>.
/// </remarks>
public static class ForecastCommands
{
    public const int Success = 0;
    public const int InvalidInput = 1;
    public const int InvalidArguments = 2;

    /// <summary>Number of rolling origins that the evaluate command uses when none is given.</summary>
    public const int DefaultOrigins = 12;

    /// <summary>
    /// Forecasts the next <paramref name="horizon"/> periods of every series and writes CSV
    /// (<c>period,customer,product,forecast,lower,upper</c>) to <paramref name="outPath"/>, or to
    /// <paramref name="stdout"/> when it is null. With an output file, one summary line per series goes to
    /// <paramref name="stdout"/>. The file is replaced only once it is complete, so a failed write leaves an
    /// existing file unchanged.
    /// </summary>
    public static Task<int> ForecastAsync(
        string inputPath,
        int horizon,
        Periodicity periodicity,
        string? outPath,
        TextWriter stdout,
        TextWriter stderr,
        CancellationToken cancellationToken) =>
        ForecastAsync(
            inputPath, horizon, periodicity, outPath, stdout, stderr, ForecastFile.CreateNew, cancellationToken);

    /// <summary>
    /// Runs the forecast command with <paramref name="openFile"/> opening the temporary output file, so that tests
    /// can make the write fail.
    /// </summary>
    internal static async Task<int> ForecastAsync(
        string inputPath,
        int horizon,
        Periodicity periodicity,
        string? outPath,
        TextWriter stdout,
        TextWriter stderr,
        Func<string, Stream> openFile,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (HorizonError(horizon, periodicity) is { } horizonError)
        {
            await stderr.WriteLineAsync(horizonError).ConfigureAwait(false);
            return InvalidArguments;
        }

        if (outPath is not null && OutputPathError(inputPath, outPath) is { } outputError)
        {
            await stderr.WriteLineAsync(outputError).ConfigureAwait(false);
            return InvalidArguments;
        }

        if (InputPathError(inputPath) is { } inputError)
        {
            await stderr.WriteLineAsync(inputError).ConfigureAwait(false);
            return InvalidArguments;
        }

        var history = await ReadAsync(inputPath, stderr, cancellationToken).ConfigureAwait(false);
        if (history is null)
        {
            return InvalidInput;
        }

        history = await DropPartialFirstPeriodAsync(inputPath, history, periodicity, stderr).ConfigureAwait(false);
        history = await DropPartialLastPeriodAsync(inputPath, history, periodicity, stderr).ConfigureAwait(false);
        IReadOnlyList<SeriesForecast> forecasts;
        try
        {
            forecasts = new DemandForecaster().Forecast(history, periodicity, horizon, cancellationToken);
        }
        catch (ArgumentException exception) when (exception is not ArgumentOutOfRangeException)
        {
            await stderr.WriteLineAsync($"{Path.GetFileName(inputPath)}: {exception.Message}").ConfigureAwait(false);
            return InvalidInput;
        }

        foreach (var forecast in forecasts.Where(forecast => forecast.Note is not null))
        {
            await stderr.WriteLineAsync($"Note: {Path.GetFileName(inputPath)}, {forecast.Series}: {forecast.Note}")
                .ConfigureAwait(false);
        }

        if (outPath is null)
        {
            await ForecastCsvWriter.WriteAsync(stdout, forecasts, cancellationToken).ConfigureAwait(false);
            return Success;
        }

        try
        {
            await ForecastFile.WriteAsync(outPath, forecasts, openFile, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The exception names the temporary file, so a missing folder is described by its own path instead.
            var reason = exception is DirectoryNotFoundException
                ? $"the folder '{Path.GetDirectoryName(Path.GetFullPath(outPath))}' does not exist."
                : exception.Message;
            await stderr.WriteLineAsync(
                $"Could not write '{outPath}': {reason} Check that the folder exists and is writable.")
                .ConfigureAwait(false);
            return InvalidInput;
        }

        await stdout.WriteLineAsync(
            $"Wrote {forecasts.Count * horizon} forecasts for {forecasts.Count} series " +
            $"({Grain(periodicity)} grain, horizon {horizon}) to {outPath}.").ConfigureAwait(false);
        foreach (var forecast in forecasts)
        {
            // The model name of a per-step choice contains commas and a colon, so the accuracy goes in brackets.
            var accuracy = (forecast.BacktestAccuracy, forecast.Model) switch
            {
                ({ } value, _) => $"backtest accuracy {value.ToString("0.0%", CultureInfo.InvariantCulture)}",
                (null, ForecastEngine.ZeroModelName) => "no sales to backtest",
                _ => "too short to backtest",
            };
            var baseline = forecast.Method == ForecastMethod.Model ? string.Empty : "a baseline that beat the model, ";
            await stdout.WriteLineAsync($"  {forecast.Series}: {forecast.Model} ({baseline}{accuracy})")
                .ConfigureAwait(false);
        }

        return Success;
    }

    /// <summary>
    /// Runs <see cref="ForecastEvaluator"/> with <see cref="DefaultOrigins"/> rolling origins and prints the
    /// accuracy table: per horizon the model and both baselines, then per series, then the models chosen.
    /// </summary>
    public static Task<int> EvaluateAsync(
        string inputPath,
        Periodicity periodicity,
        int horizon,
        TextWriter stdout,
        TextWriter stderr,
        CancellationToken cancellationToken) =>
        EvaluateAsync(inputPath, periodicity, horizon, DefaultOrigins, stdout, stderr, cancellationToken);

    /// <summary>
    /// Runs the evaluation with <paramref name="origins"/> rolling origins and prints the accuracy table.
    /// </summary>
    public static Task<int> EvaluateAsync(
        string inputPath,
        Periodicity periodicity,
        int horizon,
        int origins,
        TextWriter stdout,
        TextWriter stderr,
        CancellationToken cancellationToken) =>
        EvaluateAsync(
            inputPath, periodicity, horizon, origins, ForecastOptions.Default, stdout, stderr, cancellationToken);

    /// <summary>
    /// Runs the evaluation of a forecaster with <paramref name="options"/>, such as the replenishment watch's, with
    /// <paramref name="origins"/> rolling origins and prints the accuracy table.
    /// </summary>
    public static async Task<int> EvaluateAsync(
        string inputPath,
        Periodicity periodicity,
        int horizon,
        int origins,
        ForecastOptions options,
        TextWriter stdout,
        TextWriter stderr,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (HorizonError(horizon, periodicity) is { } horizonError)
        {
            await stderr.WriteLineAsync(horizonError).ConfigureAwait(false);
            return InvalidArguments;
        }

        if (origins < 1)
        {
            await stderr.WriteLineAsync($"Invalid origins {origins}: evaluate at least 1 origin.")
                .ConfigureAwait(false);
            return InvalidArguments;
        }

        if (InputPathError(inputPath) is { } inputError)
        {
            await stderr.WriteLineAsync(inputError).ConfigureAwait(false);
            return InvalidArguments;
        }

        var history = await ReadAsync(inputPath, stderr, cancellationToken).ConfigureAwait(false);
        if (history is null)
        {
            return InvalidInput;
        }

        history = await DropPartialFirstPeriodAsync(inputPath, history, periodicity, stderr).ConfigureAwait(false);
        history = await DropPartialLastPeriodAsync(inputPath, history, periodicity, stderr).ConfigureAwait(false);
        EvaluationReport report;
        try
        {
            report = new ForecastEvaluator(options).Evaluate(history, periodicity, horizon, origins, cancellationToken);
        }
        catch (ArgumentException exception) when (exception is not ArgumentOutOfRangeException)
        {
            await stderr.WriteLineAsync($"{Path.GetFileName(inputPath)}: {exception.Message}").ConfigureAwait(false);
            return InvalidInput;
        }

        await EvaluationTable.WriteAsync(stdout, report, Path.GetFileName(inputPath)).ConfigureAwait(false);
        return Success;
    }

    /// <summary>
    /// Describes an --input path that names no file. Like a missing path in the other commands, this is a usage
    /// error, while a file that exists but cannot be used is invalid input.
    /// </summary>
    private static string? InputPathError(string inputPath)
    {
        if (Directory.Exists(inputPath))
        {
            return $"Invalid input file '{inputPath}': it is a folder. Give the path of a sales history CSV file.";
        }

        return File.Exists(inputPath)
            ? null
            : $"Input file not found: '{inputPath}'. Give the path of a sales history CSV file.";
    }

    private static async Task<IReadOnlyList<SalesObservation>?> ReadAsync(
        string inputPath,
        TextWriter stderr,
        CancellationToken cancellationToken)
    {
        try
        {
            var history = await SalesHistoryCsv.ReadFileAsync(inputPath, cancellationToken).ConfigureAwait(false);
            if (history.Count == 0)
            {
                await stderr.WriteLineAsync(
                    $"{Path.GetFileName(inputPath)}: the file has a header but no sales rows. Add at least one row.")
                    .ConfigureAwait(false);
                return null;
            }

            return history;
        }
        catch (SalesCsvException exception)
        {
            await stderr.WriteLineAsync(exception.Message).ConfigureAwait(false);
            return null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"Could not read '{inputPath}': {exception.Message}").ConfigureAwait(false);
            return null;
        }
    }

    /// <summary>
    /// Leaves out the first period of the history when the file starts after that period's start and is finer than
    /// the grain (see <see cref="PartialPeriods"/>), and writes a note naming the period. Its total would contain
    /// only part of its sales and look like a drop in demand to the models. A history of that one period is kept.
    /// </summary>
    private static async Task<IReadOnlyList<SalesObservation>> DropPartialFirstPeriodAsync(
        string inputPath,
        IReadOnlyList<SalesObservation> history,
        Periodicity periodicity,
        TextWriter stderr)
    {
        var calendar = new PeriodCalendar(periodicity, ForecastOptions.Default.WeekStart);
        if (PartialPeriods.First(history, calendar) is not { } first)
        {
            return history;
        }

        var grain = Grain(periodicity);
        var firstDate = history.Min(observation => observation.Date);
        var withoutFirstPeriod = history.Where(observation => observation.Date > first.End).ToList();
        var period = $"{grain} {first.Start:yyyy-MM-dd} to {first.End:yyyy-MM-dd}";
        if (withoutFirstPeriod.Count == 0)
        {
            await stderr.WriteLineAsync(
                $"Note: {Path.GetFileName(inputPath)} starts on {firstDate:yyyy-MM-dd}, after the start of the " +
                $"{period}, so that {grain} contains only part of its sales. It is the only {grain} in the file, so " +
                "it is kept and counts as complete.").ConfigureAwait(false);
            return history;
        }

        await stderr.WriteLineAsync(
            $"Note: {Path.GetFileName(inputPath)} starts on {firstDate:yyyy-MM-dd}, after the start of the {period}, " +
            $"so that {grain} contains only part of its sales and would look like a drop in demand. It is left out, " +
            $"and the history from {first.End.AddDays(1):yyyy-MM-dd} is used.").ConfigureAwait(false);
        return withoutFirstPeriod;
    }

    /// <summary>
    /// Leaves out the last period of the history when the file ends before that period's end and is finer than the
    /// grain (see <see cref="PartialPeriods"/>), and writes a note naming the period, for example a week of which
    /// only the Monday is in the file. Its total would contain only part of its sales and look like a drop in demand,
    /// so the forecast starts with that period instead. A history of that one period is kept.
    /// </summary>
    private static async Task<IReadOnlyList<SalesObservation>> DropPartialLastPeriodAsync(
        string inputPath,
        IReadOnlyList<SalesObservation> history,
        Periodicity periodicity,
        TextWriter stderr)
    {
        var calendar = new PeriodCalendar(periodicity, ForecastOptions.Default.WeekStart);
        if (PartialPeriods.Last(history, calendar) is not { } last)
        {
            return history;
        }

        var grain = Grain(periodicity);
        var lastDate = history.Max(observation => observation.Date);
        var withoutLastPeriod = history.Where(observation => observation.Date < last.Start).ToList();
        var period = $"{grain} {last.Start:yyyy-MM-dd} to {last.End:yyyy-MM-dd}";
        if (withoutLastPeriod.Count == 0)
        {
            await stderr.WriteLineAsync(
                $"Note: {Path.GetFileName(inputPath)} ends on {lastDate:yyyy-MM-dd}, before the end of the " +
                $"{period}, so that {grain} contains only part of its sales. It is the only {grain} in the file, so " +
                "it is kept and counts as complete.").ConfigureAwait(false);
            return history;
        }

        // NOTE: a series whose sales all fall in the left-out period has no history left and gets no forecast.
        await stderr.WriteLineAsync(
            $"Note: {Path.GetFileName(inputPath)} ends on {lastDate:yyyy-MM-dd}, before the end of the {period}, " +
            $"so that {grain} contains only part of its sales and would look like a drop in demand. It is left out, " +
            $"and the history up to {last.Start.AddDays(-1):yyyy-MM-dd} is used.").ConfigureAwait(false);
        return withoutLastPeriod;
    }

    private static string? OutputPathError(string inputPath, string outPath)
    {
        if (string.IsNullOrWhiteSpace(outPath))
        {
            return $"Invalid output file '{outPath}': the path is empty. Give a file path, or leave out --out to " +
                   "write to standard output.";
        }

        if (Directory.Exists(outPath))
        {
            return $"Invalid output file '{outPath}': it is a folder. Give a file path such as " +
                   $"'{Path.Combine(outPath, "forecast.csv")}'.";
        }

        return !string.IsNullOrWhiteSpace(inputPath) && IsSameFile(inputPath, outPath)
            ? $"Invalid output file '{outPath}': it is the input file, and writing the forecast would replace the " +
              "sales history. Give another --out path."
            : null;
    }

    private static bool IsSameFile(string inputPath, string outPath)
    {
        var comparison = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS()
            ? StringComparison.OrdinalIgnoreCase
            : StringComparison.Ordinal;
        return string.Equals(Path.GetFullPath(inputPath), Path.GetFullPath(outPath), comparison);
    }

    private static string? HorizonError(int horizon, Periodicity periodicity)
    {
        if (horizon < 1)
        {
            return $"Invalid horizon {horizon}: forecast at least 1 period ahead.";
        }

        var max = DemandForecaster.MaxHorizon(periodicity);
        return horizon > max
            ? $"Invalid horizon {horizon}: at most {max} {Grain(periodicity)} periods " +
              $"({DemandForecaster.MaxHorizonYears} years) can be forecast. Use a horizon from 1 to {max}."
            : null;
    }

    internal static string Grain(Periodicity periodicity) => periodicity.ToString().ToLowerInvariant();
}
