using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Definitions.Json;

namespace WorkflowKit.Import;

/// <summary>
/// Converts a cell of a CSV or Excel file into the JSON value a form field stores. Numbers accept
/// thousands separators and a leading currency sign (<c>1,234.50</c>, <c>¥1,234.50</c>) and stay
/// decimal; dates accept <c>2024-03-05</c>, <c>2024/3/5</c>, <c>2024年3月5日</c>, dates with a month
/// name in the culture's format, and Excel date and number cells. Text with the year last, such as
/// <c>5/1/2026</c>, and numbers in text cells are rejected (see <see cref="ImportDateText"/>);
/// date-times without an offset are taken in the import's time zone and stored in UTC.
/// </summary>
public sealed class ImportValueConverter
{
    private static readonly string[] DateFormats =
    [
        "yyyy-MM-dd", "yyyy-M-d", "yyyy/M/d", "yyyy/MM/dd", "yyyy.M.d", "yyyy年M月d日", "yyyyMMdd",
    ];

    private static readonly string[] DateTimeFormats =
    [
        "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-M-d H:mm:ss", "yyyy-M-d H:mm", "yyyy/M/d H:mm:ss",
        "yyyy/M/d H:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
    ];

    internal static readonly char[] ListSeparators = [',', ';', '、', '，', '；', '|'];

    private readonly CultureInfo _culture;
    private readonly TimeZoneInfo _timeZone;

    public ImportValueConverter(CultureInfo culture, TimeZoneInfo timeZone)
    {
        ArgumentNullException.ThrowIfNull(culture);
        ArgumentNullException.ThrowIfNull(timeZone);
        _culture = culture;
        _timeZone = timeZone;
    }

    /// <summary>
    /// Whether text cells of text, select, member and department fields lose the apostrophe that
    /// <see cref="SpreadsheetText.Escape"/> puts before a leading <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab or
    /// carriage return. Cells of other fields, and cells that are not strings, are never changed.
    /// </summary>
    public bool UnescapeText { get; init; }

    /// <summary>
    /// Converts a cell; returns false with a reason when the cell cannot hold a value of the field's type.
    /// </summary>
    public bool TryConvert(FieldDefinition field, object? cell, out JsonNode? value, out string? reason)
    {
        ArgumentNullException.ThrowIfNull(field);
        value = null;
        reason = null;
        if (cell is null || (cell is string blank && string.IsNullOrWhiteSpace(blank)))
        {
            return true;
        }

        var zh = _culture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase);
        if (cell is ExcelFormulaWithoutValue)
        {
            reason = zh
                ? "是没有保存计算结果的公式，通常由不计算公式的程序写出；请在 Excel 中打开并保存这个文件，让 Excel 保存公式的结果，" +
                  "或直接在单元格中填写值"
                : "is a formula without a saved value, as programs that do not calculate formulas write them; open " +
                  "the file in Excel and save it, so that Excel stores each formula's result, or type the value into " +
                  "the cell";
            return false;
        }

        if (ExcelError(field, cell) is { } error)
        {
            reason = zh
                ? $"是 Excel 错误值（{error.Meaning(chinese: true)}），不是{Expected(field.Type, zh)}；" +
                  "请在工作簿中修正产生它的公式，或清空这个单元格"
                : $"is an Excel error ({error.Meaning(chinese: false)}), not {Expected(field.Type, zh)}; fix the " +
                  "formula that produces it in the workbook, or clear the cell";
            return false;
        }

        switch (field.Type)
        {
            case FieldTypes.Number or FieldTypes.Money:
                if (TryNumber(cell, out var number))
                {
                    value = JsonValue.Create(number);
                    return true;
                }

                reason = zh
                    ? "不是数字；请填写数字，可带小数点，例如 1,234.50"
                    : "is not a number; write digits with an optional decimal point, such as 1,234.50";
                return false;
            case FieldTypes.Date:
                if (TryDate(cell, out var date))
                {
                    value = JsonValue.Create(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                    return true;
                }

                reason = ImportDateText.Reason(Text(cell).Trim(), withTime: false, zh);
                return false;
            case FieldTypes.DateTime:
                if (TryDateTime(cell, out var time))
                {
                    value = JsonValue.Create(time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'",
                        CultureInfo.InvariantCulture));
                    return true;
                }

                reason = ImportDateText.Reason(Text(cell).Trim(), withTime: true, zh);
                return false;
            case FieldTypes.Boolean:
                if (TryBoolean(cell, out var flag))
                {
                    value = JsonValue.Create(flag);
                    return true;
                }

                reason = zh ? "不是是非值；请填写 是/否 或 true/false" : "is not a yes/no value; write yes, no, true or false";
                return false;
            case FieldTypes.SingleSelect:
                var single = MatchOption(field, FieldText(cell));
                if (EscapedOption(field, single, zh) is { } singleReason)
                {
                    reason = singleReason;
                    return false;
                }

                value = JsonValue.Create(single);
                return true;
            case FieldTypes.MultiSelect:
                var items = Split(FieldText(cell)).Select(item => MatchOption(field, item)).ToList();
                if (items.Select(item => EscapedOption(field, item, zh)).FirstOrDefault(text => text is not null) is
                    { } multipleReason)
                {
                    reason = multipleReason;
                    return false;
                }

                value = new JsonArray([.. items.Select(item => (JsonNode?)JsonValue.Create(item))]);
                return true;
            case FieldTypes.Member or FieldTypes.Department:
                value = field.Multiple
                    ? new JsonArray([.. Split(FieldText(cell)).Select(item => (JsonNode?)JsonValue.Create(item))])
                    : JsonValue.Create(FieldText(cell).Trim());
                return true;
            case FieldTypes.Related:
                if (TryNumber(cell, out var id) && id == decimal.Truncate(id))
                {
                    value = JsonValue.Create((long)id);
                    return true;
                }

                reason = zh ? "不是记录编号；请填写整数编号" : "is not a record id; write the record's id as a whole number";
                return false;
            case FieldTypes.SubTable or FieldTypes.Attachment or FieldTypes.Image or FieldTypes.Signature
                or FieldTypes.Address:
                var json = Text(cell);
                try
                {
                    value = JsonNode.Parse(json);
                    return true;
                }
                catch (JsonException exception)
                {
                    reason = JsonReason(exception, json, zh);
                    return false;
                }

            default:
                value = JsonValue.Create(TrimsOuterSpaces(field) ? FieldText(cell).Trim() : FieldText(cell));
                return true;
        }
    }

    /// <summary>
    /// Whether the import removes spaces at the start and end of the field's cells. It does so for code and key
    /// fields: serial numbers, and text fields with a pattern or a uniqueness rule. A stray space copied from another
    /// sheet would otherwise fail the pattern or make a second "unique" value that looks the same.
    /// </summary>
    public static bool TrimsOuterSpaces(FieldDefinition field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field.Type == FieldTypes.Serial ||
            (field.Type == FieldTypes.Text && (field.Pattern is not null || field.Unique));
    }

    /// <summary>
    /// Returns the Excel error value that <paramref name="cell"/> holds, or null. An .xlsx error cell is one in every
    /// field type. In a CSV file the text of an error code, as Excel writes an error cell to CSV, counts only for
    /// fields that store no free text, because a text field may mean those characters.
    /// </summary>
    private static ExcelErrorValue? ExcelError(FieldDefinition field, object cell) => cell switch
    {
        ExcelErrorValue error => error,
        string text when field.Type is FieldTypes.Number or FieldTypes.Money or FieldTypes.Date or
            FieldTypes.DateTime or FieldTypes.Boolean or FieldTypes.Related => ExcelErrorValue.FromText(text),
        _ => null,
    };

    /// <summary>Words a JSON cell that is not valid JSON, at its line and column inside the cell.</summary>
    private string JsonReason(JsonException error, string json, bool zh)
    {
        var description = JsonErrorDescriber.Describe(error, "the cell", json, _culture);
        var fix = description.Fix.TrimEnd('.', '。');
        return zh
            ? $"不是有效的 JSON：单元格内第 {description.Line} 行第 {description.Column} 列{description.Problem}。{fix}"
            : $"is not valid JSON at line {description.Line}, column {description.Column} of the cell: " +
              $"{description.Problem}. {fix}";
    }

    /// <summary>Names what a cell of a field of <paramref name="type"/> should hold, for error messages.</summary>
    private static string Expected(string type, bool zh) => type switch
    {
        FieldTypes.Number or FieldTypes.Money => zh ? "数字" : "a number",
        FieldTypes.Date => zh ? "日期" : "a date",
        FieldTypes.DateTime => zh ? "日期时间" : "a date and time",
        FieldTypes.Boolean => zh ? "是非值" : "a yes/no value",
        FieldTypes.Related => zh ? "记录编号" : "a record id",
        FieldTypes.Member or FieldTypes.Department => zh ? "成员或部门" : "a member or department",
        FieldTypes.SingleSelect or FieldTypes.MultiSelect => zh ? "选项" : "an option",
        FieldTypes.SubTable or FieldTypes.Attachment or FieldTypes.Image or FieldTypes.Signature or FieldTypes.Address =>
            zh ? "JSON 文本" : "JSON text",
        _ => zh ? "文字" : "text",
    };

    private bool TryNumber(object cell, out decimal number)
    {
        switch (cell)
        {
            case double d when double.IsFinite(d):
                number = (decimal)d;
                return true;
            case decimal m:
                number = m;
                return true;
            case int or long:
                number = Convert.ToDecimal(cell, CultureInfo.InvariantCulture);
                return true;
        }

        var text = Text(cell).Trim().TrimStart('¥', '￥', '$').Replace(" ", string.Empty, StringComparison.Ordinal);
        return decimal.TryParse(text, NumberStyles.Number | NumberStyles.AllowExponent, _culture, out number) ||
               decimal.TryParse(text, NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture,
                   out number);
    }

    private bool TryDate(object cell, out DateOnly date)
    {
        switch (cell)
        {
            case DateTime moment:
                date = DateOnly.FromDateTime(moment);
                return true;
            case double serial when serial is >= 1 and < 2958466:
                date = DateOnly.FromDateTime(DateTime.FromOADate(serial));
                return true;
        }

        var text = Text(cell).Trim();
        if (DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            return true;
        }

        date = default;
        return !ImportDateText.HasYearLast(text) && ImportDateText.HasMonthName(text) && DateOnly.TryParse(text, _culture, DateTimeStyles.None, out date);
    }

    private bool TryDateTime(object cell, out DateTimeOffset time)
    {
        DateTime local;
        switch (cell)
        {
            case DateTime moment:
                local = moment;
                break;
            case double serial when serial is >= 1 and < 2958466:
                local = DateTime.FromOADate(serial);
                break;
            default:
                var text = Text(cell).Trim();
                if (ImportDateText.HasYearLast(text))
                {
                    time = default;
                    return false;
                }

                if (text.EndsWith('Z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':'))
                {
                    return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
                }

                if (!DateTime.TryParseExact(text, DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None,
                    out local) &&
                    !(ImportDateText.HasMonthName(text) &&
                      DateTime.TryParse(text, _culture, DateTimeStyles.None, out local)))
                {
                    time = default;
                    return false;
                }

                break;
        }

        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        time = new DateTimeOffset(unspecified, _timeZone.GetUtcOffset(unspecified));
        return true;
    }

    private static bool TryBoolean(object cell, out bool flag)
    {
        if (cell is bool value)
        {
            flag = value;
            return true;
        }

        switch (Text(cell).Trim().ToUpperInvariant())
        {
            case "TRUE" or "YES" or "Y" or "1" or "是" or "对" or "√":
                flag = true;
                return true;
            case "FALSE" or "NO" or "N" or "0" or "否" or "错" or "×":
                flag = false;
                return true;
            default:
                flag = false;
                return false;
        }
    }

    /// <summary>
    /// Maps an option label (in any language) to its value; other text is kept for the validator to reject.
    /// </summary>
    private static string MatchOption(FieldDefinition field, string text)
    {
        var trimmed = text.Trim();
        foreach (var option in field.Options ?? [])
        {
            if (option.Value == trimmed || option.Label.Values.Values.Contains(trimmed,
                StringComparer.OrdinalIgnoreCase))
            {
                return option.Value;
            }
        }

        return trimmed;
    }

    /// <summary>
    /// Returns why a select value that matches no option is rejected, when it would match one without the apostrophe
    /// that <see cref="SpreadsheetText.Escape"/> adds: in an .xlsx file, which is never unescaped, or in a list item
    /// after the first, which the unescape of the whole cell does not reach. Null for any other value.
    /// </summary>
    private static string? EscapedOption(FieldDefinition field, string text, bool zh)
    {
        var options = field.Options ?? [];
        if (options.Any(option => option.Value == text))
        {
            return null;
        }

        var unescaped = SpreadsheetText.Unescape(text);
        if (unescaped == text || !options.Any(option => option.Value == MatchOption(field, unescaped)))
        {
            return null;
        }

        return zh
            ? $"不是选项，但去掉开头的撇号后 “{unescaped}” 是；这个撇号是 CSV 导出加在 =、+、-、@ 前面的，请删除它"
            : $"is not an option, but \"{unescaped}\" is; remove the leading apostrophe, which a CSV export puts " +
              "before =, +, - and @ so that spreadsheets show the text";
    }

    private static IEnumerable<string> Split(string text) =>
        text.Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    // Text of a cell, without the escape of a CSV export when the file may have it.
    private string FieldText(object cell) =>
        UnescapeText && cell is string text ? SpreadsheetText.Unescape(text) : Text(cell);

    private static string Text(object cell) => cell switch
    {
        string text => text,
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        DateTime moment => moment.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        _ => Convert.ToString(cell, CultureInfo.InvariantCulture) ?? string.Empty,
    };
}
