using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace WorkflowKit.Replenishment.Records;

/// <summary>Reads typed values out of record data, accepting numbers stored as JSON numbers or as text.</summary>
internal static class FormValues
{
    public static string? Text(JsonObject data, string field) => data[field] switch
    {
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        JsonValue value => value.ToJsonString(),
        _ => null,
    };

    public static decimal Number(JsonObject data, string field) => Number(data[field]);

    public static decimal Number(JsonNode? node)
    {
        if (node is not JsonValue value)
        {
            return 0m;
        }

        var text = value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
        return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : 0m;
    }

    /// <summary>Reads a date field ("yyyy-MM-dd", or the date part of an ISO date-time); null when empty or invalid.</summary>
    public static DateOnly? Date(JsonObject data, string field)
    {
        var text = Text(data, field);
        if (string.IsNullOrWhiteSpace(text) || text.Length < 10)
        {
            return null;
        }

        return DateOnly.TryParseExact(text[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : null;
    }

    public static bool Boolean(JsonObject data, string field, bool fallback) => data[field] switch
    {
        JsonValue value when value.GetValueKind() is JsonValueKind.True => true,
        JsonValue value when value.GetValueKind() is JsonValueKind.False => false,
        JsonValue value when value.GetValueKind() is JsonValueKind.String =>
            bool.TryParse(value.GetValue<string>(), out var parsed) ? parsed : fallback,
        _ => fallback,
    };
}
