using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Designer.Forms;
using WorkflowKit.Forms;

namespace WorkflowKit.Designer.Records;

/// <summary>Formats a record field's JSON value for a table cell or a detail line.</summary>
public static class RecordValueText
{
    private static readonly JsonSerializerOptions ReadableJson =
        new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Formats <paramref name="value"/>. A sub-table reads as its number of rows ("2 lines", "2 行"), and a file field
    /// as its file names. A member field's user ids become display names from <paramref name="people"/> when it has
    /// them, and stay ids otherwise; a department field's ids become names from <paramref name="departments"/> the
    /// same way. An address reads as its regions and detail line, and a datetime as "yyyy-MM-dd HH:mm" in
    /// <paramref name="zone"/> when it is given.
    /// </summary>
    public static string Format(
        FieldDefinition? field, JsonNode? value, string culture, IReadOnlyDictionary<string, string>? people = null,
        IReadOnlyDictionary<string, string>? departments = null, TimeZoneInfo? zone = null)
    {
        if (value is null)
        {
            return string.Empty;
        }

        if (value is JsonArray array)
        {
            return field?.Type == FieldTypes.SubTable
                ? RowCount(array.Count, culture)
                : string.Join(", ", array.Select(item => Format(field, item, culture, people, departments, zone)));
        }

        if (field is not null && FieldTypes.Files.Contains(field.Type)
            && WorkflowKit.Files.FileReference.FromJson(value) is { } file)
        {
            return file.Name;
        }

        if (value is JsonObject address)
        {
            return field?.Type == FieldTypes.Address ? AddressText.Format(address) : value.ToJsonString(ReadableJson);
        }

        var text = value is JsonValue scalar && scalar.TryGetValue<string>(out var s) ? s : value.ToJsonString();
        if (field?.Type == FieldTypes.Member && people is not null && people.TryGetValue(text, out var name))
        {
            return name;
        }

        if (field?.Type == FieldTypes.Department && departments?.TryGetValue(text, out var department) == true)
        {
            return department;
        }

        if (field?.Type == FieldTypes.DateTime && zone is not null && FieldValues.TryGetDateTime(value, out var time))
        {
            return TimeZoneInfo.ConvertTime(time, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        }

        if (field?.Options?.FirstOrDefault(option => option.Value == text) is { } chosen)
        {
            return chosen.Label.Get(culture);
        }

        if (IsMoney(field) && FieldValues.TryGetDecimal(value, out var amount))
        {
            return amount.ToString("N" + (field!.Scale ?? 2).ToString(CultureInfo.InvariantCulture), CultureOf(culture));
        }

        return field?.Type == FieldTypes.Boolean
            ? text switch { "true" => "✓", "false" => "✗", _ => text }
            : text;
    }

    /// <summary>Words a sub-table's row count in the page's language, such as "1 line" or "3 行".</summary>
    public static string RowCount(int rows, string culture)
    {
        if (culture.StartsWith("zh", StringComparison.OrdinalIgnoreCase))
        {
            return rows.ToString(CultureInfo.InvariantCulture) + " 行";
        }

        return rows == 1 ? "1 line" : rows.ToString("N0", CultureInfo.InvariantCulture) + " lines";
    }

    /// <summary>
    /// Returns whether the field contains an amount of money: a money field, or a formula or number field with a
    /// currency, such as an order total computed from its lines.
    /// </summary>
    private static bool IsMoney(FieldDefinition? field) =>
        field is not null && (field.Type == FieldTypes.Money
            || field.Currency is not null && field.Type is FieldTypes.Formula or FieldTypes.Number);

    private static CultureInfo CultureOf(string culture)
    {
        try
        {
            return CultureInfo.GetCultureInfo(culture);
        }
        catch (CultureNotFoundException)
        {
            return CultureInfo.InvariantCulture;
        }
    }
}
