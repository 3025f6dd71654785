using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowKit.Expressions.Internal;

namespace WorkflowKit.Expressions.Conditions.Internal;

/// <summary>Kinds of value a rule compares.</summary>
internal enum RuleValueKind : byte
{
    Missing,
    Null,
    Number,
    String,
    Boolean,
    Array,
    Object,
}

/// <summary>
/// One value seen by a rule, classified once. Strings backed by JSON text keep the element so equality with a
/// literal needs no string allocation.
/// </summary>
internal readonly struct RuleValue
{
    private readonly JsonElement _element;
    private readonly bool _hasElement;

    private RuleValue(RuleValueKind kind, decimal number = 0m, string? text = null, bool boolean = false,
        JsonNode? node = null, JsonElement element = default, bool hasElement = false)
    {
        Kind = kind;
        Number = number;
        Text = text;
        Boolean = boolean;
        Node = node;
        _element = element;
        _hasElement = hasElement;
    }

    public static RuleValue Missing => default;

    public RuleValueKind Kind { get; }

    public decimal Number { get; }

    /// <summary>The string, when already materialised; use <see cref="GetText"/> to read it in any case.</summary>
    public string? Text { get; }

    public bool Boolean { get; }

    /// <summary>The array or object node, for <see cref="RuleValueKind.Array"/> and <see cref="RuleValueKind.Object"/>.</summary>
    public JsonNode? Node { get; }

    public bool IsNullOrMissing => Kind is RuleValueKind.Missing or RuleValueKind.Null;

    public static RuleValue FromText(string text) => new(RuleValueKind.String, text: text);

    public static RuleValue FromNode(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return new RuleValue(RuleValueKind.Null);
            case JsonArray:
                return new RuleValue(RuleValueKind.Array, node: node);
            case JsonObject:
                return new RuleValue(RuleValueKind.Object, node: node);
            case JsonValue value:
                return FromValue(value);
            default:
                return new RuleValue(RuleValueKind.Null);
        }
    }

    public string GetText()
    {
        if (Text is not null)
        {
            return Text;
        }

        return _hasElement ? _element.GetString() ?? string.Empty : string.Empty;
    }

    /// <summary>Ordinal string equality; uses the JSON element directly when only one side has text.</summary>
    public bool TextEquals(in RuleValue other)
    {
        if (Text is not null && other._hasElement)
        {
            return other._element.ValueEquals(Text);
        }

        if (_hasElement && other.Text is not null)
        {
            return _element.ValueEquals(other.Text);
        }

        return string.Equals(GetText(), other.GetText(), StringComparison.Ordinal);
    }

    /// <summary>The number, or a string holding a number in invariant culture.</summary>
    public bool TryGetNumber(out decimal number)
    {
        switch (Kind)
        {
            case RuleValueKind.Number:
                number = Number;
                return true;
            case RuleValueKind.String when Text is not null:
                return decimal.TryParse(Text, NumberStyles.Float, CultureInfo.InvariantCulture, out number);
            case RuleValueKind.String when _hasElement:
                return decimal.TryParse(GetText(), NumberStyles.Float, CultureInfo.InvariantCulture, out number);
            default:
                number = 0m;
                return false;
        }
    }

    private static RuleValue FromValue(JsonValue value)
    {
        if (value.TryGetValue(out JsonElement element))
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String:
                    return new RuleValue(RuleValueKind.String, element: element, hasElement: true);
                case JsonValueKind.Number:
                    return JsonNumbers.TryGetDecimal(value, out var fromElement)
                        ? new RuleValue(RuleValueKind.Number, number: fromElement)
                        : new RuleValue(RuleValueKind.Null);
                case JsonValueKind.True:
                    return new RuleValue(RuleValueKind.Boolean, boolean: true);
                case JsonValueKind.False:
                    return new RuleValue(RuleValueKind.Boolean, boolean: false);
                default:
                    return new RuleValue(RuleValueKind.Null);
            }
        }

        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                return new RuleValue(
                    RuleValueKind.String,
                    text: value.TryGetValue(out string? text) ? text : JsonSerializer.Deserialize<string>(value.ToJsonString()));
            case JsonValueKind.Number:
                return JsonNumbers.TryGetDecimal(value, out var number)
                    ? new RuleValue(RuleValueKind.Number, number: number)
                    : new RuleValue(RuleValueKind.Null);
            case JsonValueKind.True:
                return new RuleValue(RuleValueKind.Boolean, boolean: true);
            case JsonValueKind.False:
                return new RuleValue(RuleValueKind.Boolean, boolean: false);
            default:
                return new RuleValue(RuleValueKind.Null);
        }
    }
}
