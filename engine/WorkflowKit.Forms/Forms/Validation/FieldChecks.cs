using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using WorkflowKit.Definitions.Forms;

namespace WorkflowKit.Forms.Validation;

/// <summary>
/// Builds the synchronous checks of one field: type, required, range, scale, length, pattern, options.
/// </summary>
internal static class FieldChecks
{
    /// <summary>Digits after the point of a money field without a stated scale (fen for CNY).</summary>
    public const int DefaultMoneyScale = 2;

    private static readonly string[] AddressLevels = ["province", "city", "district", "street"];

    public static IReadOnlyList<FieldCheck> For(FieldDefinition field, FormMessages messages)
    {
        var label = field.Label.Get(messages.Culture.Name);
        var checks = new List<FieldCheck>
        {
            new("type", (value, _) => FieldValues.IsEmpty(value) ? null : CheckType(field, label, value!, messages)),
        };
        if (field.Required && field.Type is not FieldTypes.Serial and not FieldTypes.Formula)
        {
            checks.Add(new("required", (value, _) => FieldValues.IsEmpty(value) ? messages.Required(label) : null));
        }

        if (FieldTypes.Ordered.Contains(field.Type) && (field.Min is not null || field.Max is not null))
        {
            checks.Add(new("range", (value, _) => CheckRange(field, label, value, messages)));
        }

        if (field.Type is FieldTypes.Number or FieldTypes.Money &&
            (field.Scale ?? (field.Type == FieldTypes.Money ? DefaultMoneyScale : null)) is { } scale)
        {
            checks.Add(new("scale", (value, _) =>
                FieldValues.TryGetDecimal(value, out var number) && FieldValues.Scale(number) > scale
                    ? messages.TooManyDecimals(label, FieldValues.Display(value, messages.Culture), scale)
                    : null));
        }

        if (field.MinLength is not null || FieldTypes.MaxLength(field.Type, field.MaxLength) is not null)
        {
            checks.Add(new("length", (value, _) => CheckLength(field, label, value, messages)));
        }

        if (!string.IsNullOrEmpty(field.Pattern))
        {
            var regex = PatternCompiler.Compile(field.Pattern, field.PatternAnchored ?? true);
            checks.Add(new("pattern", (value, _) => CheckPattern(field, label, regex, value, messages)));
        }

        if (field.Options is { } options && field.Type is FieldTypes.SingleSelect or FieldTypes.MultiSelect)
        {
            var allowed = new HashSet<string>(options.Select(option => option.Value), StringComparer.Ordinal);
            checks.Add(new("option", (value, _) => CheckOptions(label, allowed, value, messages)));
        }

        if (field.Accept is { Count: > 0 } accept && field.Type is FieldTypes.Attachment or FieldTypes.Image)
        {
            checks.Add(new("fileType", (value, _) => CheckFileTypes(label, accept, value, messages)));
        }

        if (field.Type == FieldTypes.Address && field.AddressLevel is { } level)
        {
            checks.Add(new("address", (value, _) => CheckAddress(label, level, value, messages)));
        }

        if (field.Type == FieldTypes.Address && field.AddressDetail == true)
        {
            checks.Add(new("addressDetail", (value, _) =>
                value is JsonObject address && !FieldValues.IsEmpty(address) && FieldValues.IsEmpty(address["detail"])
                    ? messages.AddressDetailMissing(label)
                    : null));
        }

        if (field.Type == FieldTypes.Text)
        {
            checks.Add(new("bidiControl", (value, _) => CheckBidiControls(label, value, messages)));
        }

        return checks;
    }

    private static string? CheckType(FieldDefinition field, string label, JsonNode value, FormMessages messages)
    {
        // Display the value only when a message needs it, because for a sub-table that serialises every row.
        string? Expect(bool ok, string zh, string en) =>
            ok ? null : messages.ExpectedType(label, zh, en, FieldValues.Display(value, messages.Culture));

        var single = field.Multiple ? null : value;
        return field.Type switch
        {
            FieldTypes.Text or FieldTypes.LongText or FieldTypes.Serial
                or FieldTypes.SingleSelect =>
                Expect(IsString(value), "文本", "a text"),
            FieldTypes.Number or FieldTypes.Money => Expect(FieldValues.TryGetDecimal(value, out _), "数字", "a number"),
            FieldTypes.Date => Expect(TryDate(value, out _), "日期（如 2024-03-05）", "a date such as 2024-03-05"),
            FieldTypes.DateTime => Expect(
                TryDateTime(value, out _),
                "带时区的日期时间（如 2024-03-05T09:30:00+08:00）",
                "a date and time with an offset such as 2024-03-05T09:30:00+08:00"),
            FieldTypes.Boolean => Expect(value.GetValueKind() is JsonValueKind.True or JsonValueKind.False, "是或否",
                "true or false"),
            FieldTypes.MultiSelect => Expect(value is JsonArray items && items.All(IsString), "文本列表",
                "a list of texts"),
            FieldTypes.Member or FieldTypes.Department => field.Multiple
                ? Expect(value is JsonArray ids && ids.All(IsString), "编号列表", "a list of ids")
                : Expect(IsString(single), "编号", "an id"),
            FieldTypes.Related => field.Multiple
                ? Expect(value is JsonArray ids && ids.All(IsRecordId), "记录编号列表", "a list of record ids")
                : Expect(IsRecordId(single), "记录编号", "a record id"),
            FieldTypes.Attachment or FieldTypes.Image or FieldTypes.Signature =>
                (field.Multiple && field.Type != FieldTypes.Signature
                    ? value is JsonArray files && files.All(IsFileReference)
                    : IsFileReference(single))
                    ? null
                    : messages.InvalidFileReference(label, FieldValues.Display(value, messages.Culture)),
            FieldTypes.SubTable => Expect(value is JsonArray rows && rows.All(row => row is JsonObject), "行列表",
                "a list of rows"),
            FieldTypes.Address => Expect(
                value is JsonObject address && address.All(pair => pair.Value is null || IsString(pair.Value)),
                "地址对象", "an address object"),
            _ => null,
        };
    }

    private static string? CheckRange(FieldDefinition field, string label, JsonNode? value, FormMessages messages)
    {
        if (FieldValues.IsEmpty(value))
        {
            return null;
        }

        var isDateTime = field.Type == FieldTypes.DateTime;
        var displayed = FieldValues.Display(value, messages.Culture);
        if (Compare(field, value!, field.Min) < 0)
        {
            return isDateTime
                ? messages.TimeBeforeMinimum(label, displayed, Bound(field.Min!))
                : messages.BelowMinimum(label, displayed, Bound(field.Min!));
        }

        if (Compare(field, value!, field.Max) > 0)
        {
            return isDateTime
                ? messages.TimeAfterMaximum(label, displayed, Bound(field.Max!))
                : messages.AboveMaximum(label, displayed, Bound(field.Max!));
        }

        return null;
    }

    /// <summary>
    /// Compares a value with a bound: negative when below, positive when above, 0 when within or incomparable.
    /// </summary>
    private static int Compare(FieldDefinition field, JsonNode value, JsonNode? bound)
    {
        if (bound is null)
        {
            return 0;
        }

        if (field.Type == FieldTypes.Date && TryDate(value, out var date) && TryDate(bound, out var limitDate))
        {
            return date.CompareTo(limitDate);
        }

        if (field.Type == FieldTypes.DateTime && TryDateTime(value, out var time) && TryDateTime(bound,
            out var limitTime))
        {
            return time.CompareTo(limitTime);
        }

        return FieldValues.TryGetDecimal(value, out var number) && FieldValues.TryGetDecimal(bound, out var limit)
            ? number.CompareTo(limit)
            : 0;
    }

    private static string Bound(JsonNode bound) =>
        FieldValues.TryGetString(bound, out var text) ? text : bound.ToJsonString();

    private static string? CheckLength(FieldDefinition field, string label, JsonNode? value, FormMessages messages)
    {
        if (!FieldValues.TryGetString(value, out var text) || text.Length == 0)
        {
            return null;
        }

        var length = FieldValues.CodePoints(text);
        if (field.MinLength is { } minimum && length < minimum)
        {
            return messages.TooShort(label, length, minimum);
        }

        return FieldTypes.MaxLength(field.Type, field.MaxLength) is { } maximum && length > maximum
            ? messages.TooLong(label, length, maximum)
            : null;
    }

    private static string? CheckPattern(
        FieldDefinition field, string label, Regex regex, JsonNode? value, FormMessages messages)
    {
        if (!FieldValues.TryGetString(value, out var text) || text.Length == 0)
        {
            return null;
        }

        bool matched;
        try
        {
            matched = regex.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            matched = false;
        }

        if (matched)
        {
            return null;
        }

        return field.PatternMessage is { } custom
            ? custom.Get(messages.Culture.Name)
            : messages.PatternMismatch(label, FieldValues.Display(value, messages.Culture), field.Pattern!);
    }

    private static string? CheckOptions(string label, HashSet<string> allowed, JsonNode? value, FormMessages messages)
    {
        var values = value switch
        {
            JsonArray items => items.Select(item => item),
            _ when FieldValues.IsEmpty(value) => [],
            _ => [value],
        };
        foreach (var item in values)
        {
            if (FieldValues.TryGetString(item, out var text) && !allowed.Contains(text))
            {
                var list = string.Join(", ", allowed.Take(10)) + (allowed.Count > 10 ? ", ..." : string.Empty);
                return messages.NotAnOption(label, FieldValues.Display(item, messages.Culture), list);
            }
        }

        return null;
    }

    private static string? CheckFileTypes(string label, List<string> accept, JsonNode? value, FormMessages messages)
    {
        var files = value is JsonArray items ? items.ToList() : [value];
        foreach (var file in files)
        {
            if (file is JsonObject { } item && FieldValues.TryGetString(item["name"], out var name) &&
                !accept.Any(extension => name.EndsWith(extension, StringComparison.OrdinalIgnoreCase)))
            {
                return messages.FileTypeNotAccepted(label, FieldValues.Display(item["name"], messages.Culture),
                    string.Join(", ", accept));
            }
        }

        return null;
    }

    private static string? CheckAddress(string label, string level, JsonNode? value, FormMessages messages)
    {
        if (value is not JsonObject address)
        {
            return null;
        }

        var depth = Array.IndexOf(AddressLevels, level);
        for (var i = 0; i <= depth; i++)
        {
            if (FieldValues.IsEmpty(address[AddressLevels[i]]))
            {
                return messages.AddressIncomplete(label, level);
            }
        }

        return null;
    }

    /// <summary>
    /// Rejects the invisible characters that change the direction of text, such as the right-to-left override
    /// U+202E that makes "gnp.exe" read as "exe.png". A single-line text becomes a title, a file name or a code on
    /// other pages, where such a character would disguise its content.
    /// </summary>
    private static string? CheckBidiControls(string label, JsonNode? value, FormMessages messages)
    {
        if (!FieldValues.TryGetString(value, out var text))
        {
            return null;
        }

        var index = FieldValues.IndexOfBidiControl(text);
        return index < 0
            ? null
            : messages.BidiControl(label, $"U+{(int)text[index]:X4}", FieldValues.CodePoints(text[..index]) + 1);
    }

    private static bool IsString(JsonNode? value) =>
        value is JsonValue json && json.GetValueKind() == JsonValueKind.String;

    private static bool IsRecordId(JsonNode? value) =>
        FieldValues.TryGetDecimal(value, out var id) && id > 0 && id == decimal.Truncate(id) && id <= long.MaxValue;

    /// <summary>
    /// Whether a value has the shape of a <see cref="WorkflowKit.Files.FileReference"/>: string id and name, a
    /// whole-number size, a string content type, and no other property (such as a <c>url</c>).
    /// </summary>
    private static bool IsFileReference(JsonNode? value) =>
        value is JsonObject file && IsString(file["id"]) && IsString(file["name"])
        && (file["size"] is null || (FieldValues.TryGetDecimal(file["size"], out var size) && size >= 0
            && size == decimal.Truncate(size)))
        && (file["contentType"] is null || IsString(file["contentType"]))
        && file.All(pair => WorkflowKit.Files.FileReference.PropertyNames.Contains(pair.Key));

    /// <summary>Reads a date written as yyyy-MM-dd.</summary>
    public static bool TryDate(JsonNode? value, out DateOnly date)
    {
        date = default;
        return FieldValues.TryGetString(value, out var text) &&
               DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    /// <summary>Reads an ISO 8601 date and time that states its offset (Z or ±hh:mm).</summary>
    public static bool TryDateTime(JsonNode? value, out DateTimeOffset time)
    {
        time = default;
        return FieldValues.TryGetString(value, out var text) && text.Length >= 17 && HasOffset(text) &&
               DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out time) &&
               text[4] == '-' && text[10] == 'T';
    }

    private static bool HasOffset(string text) =>
        text.EndsWith('Z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');
}
