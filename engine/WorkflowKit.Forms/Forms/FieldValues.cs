using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace WorkflowKit.Forms;

/// <summary>Reading typed values out of JSON form data without losing decimal digits.</summary>
public static class FieldValues
{
    // Keeps Chinese text in messages readable instead of \uXXXX escapes. Pages and JSON replies escape it themselves.
    private static readonly JsonSerializerOptions ReadableJson =
        new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Null, an empty text or an empty array: a value the user did not fill in.</summary>
    public static bool IsEmpty(JsonNode? value) => value switch
    {
        null => true,
        JsonArray array => array.Count == 0,
        JsonValue text when text.GetValueKind() == JsonValueKind.String => text.GetValue<string>().Length == 0,
        _ => false,
    };

    /// <summary>
    /// Reads a JSON number as a decimal from its JSON text, so that a binary double such as
    /// 0.30000000000000004 keeps all its digits and is not rounded to 0.3.
    /// </summary>
    public static bool TryGetDecimal(JsonNode? value, out decimal number)
    {
        number = 0;
        return value is JsonValue json && json.GetValueKind() == JsonValueKind.Number &&
               decimal.TryParse(json.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out number);
    }

    public static bool TryGetString(JsonNode? value, out string text)
    {
        text = string.Empty;
        if (value is JsonValue json && json.GetValueKind() == JsonValueKind.String)
        {
            text = json.GetValue<string>();
            return true;
        }

        return false;
    }

    /// <summary>Digits after the decimal point, ignoring trailing zeros (1.50 has 1).</summary>
    public static int Scale(decimal value)
    {
        var normalized = value / 1.000000000000000000000000000000000m;
        return (decimal.GetBits(normalized)[3] >> 16) & 0xFF;
    }

    /// <summary>
    /// The Unicode bidirectional format characters: the Arabic letter mark, the left-to-right and right-to-left
    /// marks, the embeddings, overrides and their pop, and the isolates with their pop.
    /// </summary>
    private static readonly SearchValues<char> BidiControls =
        SearchValues.Create("\u061C\u200E\u200F\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069");

    /// <summary>
    /// The index of the first invisible character that changes the direction of text (such as U+202E, which makes
    /// "gnp.exe" read as "exe.png"), or -1.
    /// </summary>
    public static int IndexOfBidiControl(string text) => text.AsSpan().IndexOfAny(BidiControls);

    /// <summary>Length in Unicode code points: a surrogate pair counts as one character.</summary>
    public static int CodePoints(string text)
    {
        var count = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            count++;
        }

        return count;
    }

    /// <summary>
    /// A value as displayed in messages: text in quotes, other JSON as written, long values shortened.
    /// </summary>
    public static string Display(JsonNode? value, CultureInfo culture)
    {
        if (value is null)
        {
            return "null";
        }

        if (TryGetString(value, out var text))
        {
            var displayed = text.Length > 60 ? text[..57] + "..." : text;
            var chinese = culture.Name.StartsWith("zh", StringComparison.Ordinal);
            return chinese ? "“" + displayed + "”" : "\"" + displayed + "\"";
        }

        var json = value.ToJsonString(ReadableJson);
        return json.Length > 60 ? json[..57] + "..." : json;
    }

    /// <summary>
    /// Reads a datetime field's value: an ISO 8601 date and time that states its offset (Z or ±hh:mm), such as
    /// "2026-03-29T09:30:00+08:00".
    /// </summary>
    public static bool TryGetDateTime(JsonNode? value, out DateTimeOffset time) =>
        Validation.FieldChecks.TryDateTime(value, out time);

    /// <summary>A field id, column and row index joined as a property path, such as <c>lines[2].quantity</c>.</summary>
    public static string RowPath(string tableId, int index, string columnId) =>
        new StringBuilder(tableId).Append('[').Append(index.ToString(CultureInfo.InvariantCulture)).Append("].")
            .Append(columnId).ToString();
}
