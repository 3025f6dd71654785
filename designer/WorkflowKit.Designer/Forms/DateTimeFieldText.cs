using System.Globalization;
using System.Text.Json.Nodes;
using WorkflowKit.Forms;
using WorkflowKit.Runtime.Timers;

namespace WorkflowKit.Designer.Forms;

/// <summary>
/// Converts between a datetime field's stored value (ISO 8601 with an offset) and wall-clock times in the flow's or the
/// tenant's time zone, as the date and time pickers and typed text give them.
/// </summary>
public static class DateTimeFieldText
{
    private static readonly string[] LocalFormats =
        ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss"];

    /// <summary>Reads a stored datetime value; false for anything without a date, a time and an offset.</summary>
    public static bool TryRead(JsonNode? value, out DateTimeOffset time) => FieldValues.TryGetDateTime(value, out time);

    /// <summary>Formats <paramref name="time"/> as "yyyy-MM-ddTHH:mm" in <paramref name="zone"/>.</summary>
    public static string ToLocalInput(DateTimeOffset time, TimeZoneInfo zone) =>
        ZonedTime.ToLocal(time, zone).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);

    /// <summary>Formats <paramref name="time"/> as "yyyy-MM-dd HH:mm" in <paramref name="zone"/>, for read-only views.</summary>
    public static string Format(DateTimeOffset time, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(time, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>
    /// Converts input text to the stored form: a wall-clock time such as "2026-03-29T09:30" gets the offset that
    /// <paramref name="zone"/> has at that time ("2026-03-29T09:30:00+08:00" in Asia/Shanghai), and a value that
    /// already states its offset is kept as typed. Returns null for any other text.
    /// </summary>
    public static string? FromInput(string text, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (FieldValues.TryGetDateTime(JsonValue.Create(text), out _))
        {
            return text;
        }

        if (!DateTime.TryParseExact(text, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None,
            out var local))
        {
            return null;
        }

        return FromLocal(local, zone);
    }

    /// <summary>
    /// Converts a wall-clock time in <paramref name="zone"/> to the stored form, with the offset that the zone has at
    /// that time, such as "2026-03-29T09:30:00+08:00" in Asia/Shanghai.
    /// </summary>
    public static string FromLocal(DateTime local, TimeZoneInfo zone)
    {
        var instant = ZonedTime.ToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone);
        return TimeZoneInfo.ConvertTime(instant, zone).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);
    }
}
