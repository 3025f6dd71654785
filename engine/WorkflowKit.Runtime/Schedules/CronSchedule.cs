using Cronos;

namespace WorkflowKit.Runtime.Schedules;

/// <summary>
/// A cron expression evaluated in a time zone. Daylight-saving changes follow Cronos: a time
/// skipped when clocks go forward fires at the first instant after the gap (02:00 in
/// Europe/Berlin on the spring-forward day fires at 03:00 local); a time repeated when clocks go
/// back fires once, at its first occurrence.
/// </summary>
public sealed class CronSchedule
{
    private readonly CronExpression _expression;

    public CronSchedule(string cron, TimeZoneInfo zone)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(cron);
        ArgumentNullException.ThrowIfNull(zone);
        var fields = cron.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        try
        {
            _expression = CronExpression.Parse(cron, fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
        }
        catch (CronFormatException exception)
        {
            throw new ArgumentException(
                $"Expected a five-field cron expression such as \"0 2 * * *\" (minute hour day month weekday), " +
                $"got \"{cron}\": {exception.Message}", nameof(cron), exception);
        }

        Zone = zone;
    }

    public TimeZoneInfo Zone { get; }

    /// <summary>The first occurrence strictly after <paramref name="after"/>, in UTC; null if there is none.</summary>
    public DateTimeOffset? NextAfter(DateTimeOffset after) =>
        _expression.GetNextOccurrence(after, Zone, inclusive: false)?.ToUniversalTime();
}
