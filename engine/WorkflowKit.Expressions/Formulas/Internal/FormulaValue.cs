using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowKit.Expressions.Internal;

namespace WorkflowKit.Expressions.Formulas.Internal;

internal enum FormulaValueKind : byte
{
    Blank,
    Number,
    Text,
    Boolean,
    List,
    Record,
}

/// <summary>A formula value: blank, decimal number, text, boolean, list (a sub-table column) or record (a row).</summary>
internal readonly struct FormulaValue
{
    private FormulaValue(FormulaValueKind kind, decimal number = 0m, string? text = null, bool boolean = false,
        FormulaValue[]? items = null, JsonObject? record = null)
    {
        Kind = kind;
        Number = number;
        Text = text;
        Boolean = boolean;
        Items = items;
        Record = record;
    }

    public static FormulaValue Blank => default;

    public FormulaValueKind Kind { get; }

    public decimal Number { get; }

    public string? Text { get; }

    public bool Boolean { get; }

    public FormulaValue[]? Items { get; }

    public JsonObject? Record { get; }

    /// <summary>Blank, "", an empty list or an empty record.</summary>
    public bool IsEmpty => Kind switch
    {
        FormulaValueKind.Blank => true,
        FormulaValueKind.Text => Text!.Length == 0,
        FormulaValueKind.List => Items!.Length == 0,
        FormulaValueKind.Record => Record!.Count == 0,
        _ => false,
    };

    public static FormulaValue FromNumber(decimal number) => new(FormulaValueKind.Number, number: number);

    public static FormulaValue FromText(string text) => new(FormulaValueKind.Text, text: text);

    public static FormulaValue FromBoolean(bool value) => new(FormulaValueKind.Boolean, boolean: value);

    public static FormulaValue FromList(FormulaValue[] items) => new(FormulaValueKind.List, items: items);

    public static FormulaValue FromJson(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return Blank;
            case JsonObject record:
                return new FormulaValue(FormulaValueKind.Record, record: record);
            case JsonArray array:
                var items = new FormulaValue[array.Count];
                for (var i = 0; i < items.Length; i++)
                {
                    items[i] = FromJson(array[i]);
                }

                return FromList(items);
            case JsonValue value:
                switch (value.GetValueKind())
                {
                    case JsonValueKind.Number:
                        return JsonNumbers.TryGetDecimal(value, out var number) ? FromNumber(number) : Blank;
                    case JsonValueKind.String:
                        return FromText(value.TryGetValue(out string? text)
                            ? text
                            : JsonSerializer.Deserialize<string>(value.ToJsonString()) ?? string.Empty);
                    case JsonValueKind.True:
                        return FromBoolean(true);
                    case JsonValueKind.False:
                        return FromBoolean(false);
                    default:
                        return Blank;
                }

            default:
                return Blank;
        }
    }

    public JsonNode? ToJson()
    {
        switch (Kind)
        {
            case FormulaValueKind.Number:
                return JsonNumbers.FromDecimal(Number);
            case FormulaValueKind.Text:
                return JsonValue.Create(Text);
            case FormulaValueKind.Boolean:
                return JsonValue.Create(Boolean);
            case FormulaValueKind.List:
                var array = new JsonArray();
                foreach (var item in Items!)
                {
                    array.Add(item.ToJson());
                }

                return array;
            case FormulaValueKind.Record:
                return Record!.DeepClone();
            default:
                return null;
        }
    }

    /// <summary>Formats the value the way <c>&amp;</c>, CONCAT and TEXT show it.</summary>
    public string ToDisplayText() => Kind switch
    {
        FormulaValueKind.Number => Number.ToString(CultureInfo.InvariantCulture),
        FormulaValueKind.Text => Text!,
        FormulaValueKind.Boolean => Boolean ? "TRUE" : "FALSE",
        FormulaValueKind.List => string.Join(",", Items!.Select(item => item.ToDisplayText())),
        FormulaValueKind.Record => Record!.ToJsonString(),
        _ => string.Empty,
    };
}
