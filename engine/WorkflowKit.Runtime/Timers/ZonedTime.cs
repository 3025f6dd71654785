using System.Globalization;
using System.Text.Json.Nodes;

namespace WorkflowKit.Runtime.Timers;

/// <summary>Conversions between UTC instants and a time zone's wall-clock time.</summary>
public static class ZonedTime
{
    public static DateTime ToLocal(DateTimeOffset utc, TimeZoneInfo zone) =>
        DateTime.SpecifyKind(TimeZoneInfo.ConvertTime(utc, zone).DateTime, DateTimeKind.Unspecified);

    /// <summary>
    /// Converts a wall-clock time to UTC. A time skipped by a daylight-saving change moves forward
    /// by the gap; an ambiguous time takes its first (daylight) occurrence.
    /// </summary>
    public static DateTimeOffset ToUtc(DateTime local, TimeZoneInfo zone)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(unspecified))
        {
            var adjustment = zone.GetAdjustmentRules()
                .FirstOrDefault(rule => rule.DateStart <= unspecified && rule.DateEnd >= unspecified);
            unspecified = unspecified.Add(adjustment?.DaylightDelta ?? TimeSpan.FromHours(1));
        }

        var offset = zone.IsAmbiguousTime(unspecified)
            ? zone.GetAmbiguousTimeOffsets(unspecified).Max()
            : zone.GetUtcOffset(unspecified);
        return new DateTimeOffset(unspecified, offset).ToUniversalTime();
    }

    /// <summary>
    /// Reads a date or date-time value: an ISO date ("2025-05-01") is the start of that day in
    /// <paramref name="zone"/>; a date-time without offset is wall-clock time in the zone; one with
    /// an offset or "Z" is that instant.
    /// </summary>
    public static DateTimeOffset? Parse(JsonNode? value, TimeZoneInfo zone)
    {
        if (value is not JsonValue json || !json.TryGetValue<string>(out var text) || string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return ToUtc(date.ToDateTime(TimeOnly.MinValue), zone);
        }

        var hasOffset = text.EndsWith('Z') || text.LastIndexOfAny(['+', '-']) > 10;
        if (hasOffset && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
        {
            return instant.ToUniversalTime();
        }

        return DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? ToUtc(local, zone)
            : throw new FormatException(
                $"Expected a date such as \"2025-05-01\" or a date-time such as \"2025-05-01T09:00:00+08:00\", got \"{text}\".");
    }
}
