using System.Globalization;

namespace WorkflowKit.Samples;

/// <summary>
/// The logic of a <c>workflowkit samples generate OUTPUT [--seed N] [--today yyyy-MM-dd]</c> command,
/// kept out of the command parser so that it can be tested in-process.
/// </summary>
public sealed class SamplesCli
{
    /// <summary>Exit code of a successful run.</summary>
    public const int Success = 0;

    /// <summary>Exit code when the files could not be written.</summary>
    public const int Failed = 1;

    /// <summary>Exit code of a usage mistake such as an unknown time zone.</summary>
    public const int Usage = 2;

    private const string DefaultTimeZone = "Asia/Shanghai";

    private readonly TextWriter _output;
    private readonly TextWriter _error;
    private readonly TimeProvider _time;

    public SamplesCli(TextWriter output, TextWriter error, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(time);
        _output = output;
        _error = error;
        _time = time;
    }

    /// <summary>
    /// Generates the sample data into <paramref name="outputFolder"/>. Without <paramref name="today"/>,
    /// the current date in <paramref name="timeZone"/> (IANA id, default Asia/Shanghai) is used; without
    /// <paramref name="seed"/>, <see cref="SampleDataGenerator.DefaultSeed"/>.
    /// </summary>
    public async Task<int> GenerateAsync(
        string outputFolder, int? seed, DateOnly? today, string? timeZone, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputFolder);
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(timeZone ?? DefaultTimeZone, out var zone))
        {
            await _error.WriteLineAsync(
                $"error: time zone \"{timeZone}\" is not known. Use an IANA id such as \"Asia/Shanghai\".")
                .ConfigureAwait(false);
            return Usage;
        }

        var date = today ?? DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(_time.GetUtcNow(), zone).DateTime);
        cancellationToken.ThrowIfCancellationRequested();
        var usedSeed = seed ?? SampleDataGenerator.DefaultSeed;
        SampleDataSummary summary;
        try
        {
            summary = SampleDataGenerator.Generate(usedSeed, date, outputFolder);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            var failure = $"error: cannot write the sample data to \"{outputFolder}\": {exception.Message}";
            await _error.WriteLineAsync(failure).ConfigureAwait(false);
            return Failed;
        }

        var message = string.Create(
            CultureInfo.InvariantCulture,
            $"Wrote {summary.Files.Count} files for {date:yyyy-MM-dd} (seed {usedSeed}) " +
            $"to {summary.Folder}: {summary.Customers} customers, {summary.Products} products, " +
            $"{summary.Batches} batches, {summary.Orders} orders with {summary.OrderLines} lines, " +
            $"{summary.Receivables} receivables, {summary.OverdueRecords} overdue records, {summary.Users} users.");
        await _output.WriteLineAsync(message).ConfigureAwait(false);
        return Success;
    }
}
