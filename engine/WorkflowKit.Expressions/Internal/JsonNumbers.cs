using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace WorkflowKit.Expressions.Internal;

/// <summary>Reads and writes JSON numbers as decimals, whatever CLR type backs a <see cref="JsonValue"/>.</summary>
internal static class JsonNumbers
{
    /// <summary>Reads a JSON number as decimal without allocating when the value is backed by JSON text.</summary>
    public static bool TryGetDecimal(JsonValue value, out decimal result)
    {
        if (value.TryGetValue(out JsonElement element))
        {
            if (element.ValueKind == JsonValueKind.Number)
            {
                return element.TryGetDecimal(out result)
                    || TryDoubleToDecimal(element.GetDouble(), out result);
            }

            result = 0m;
            return false;
        }

        if (value.TryGetValue(out result))
        {
            return true;
        }

        if (value.TryGetValue(out double d))
        {
            return TryDoubleToDecimal(d, out result);
        }

        if (value.TryGetValue(out long l))
        {
            result = l;
            return true;
        }

        if (value.TryGetValue(out int i))
        {
            result = i;
            return true;
        }

        if (value.TryGetValue(out float f))
        {
            return TryDoubleToDecimal(f, out result);
        }

        return value.GetValueKind() == JsonValueKind.Number
            && decimal.TryParse(
                value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out result);
    }

    /// <summary>Reads a JSON number as the double nearest to its decimal text.</summary>
    public static double ToDouble(JsonValue value)
    {
        if (value.TryGetValue(out JsonElement element) && element.TryGetDouble(out var fromElement))
        {
            return fromElement;
        }

        if (value.TryGetValue(out double d))
        {
            return d;
        }

        if (value.TryGetValue(out decimal m))
        {
            return DecimalMath.ToDouble(m);
        }

        return double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    /// <summary>A JSON number whose text is the decimal's invariant text, readable as decimal and double.</summary>
    public static JsonNode FromDecimal(decimal value) =>
        JsonNode.Parse(value.ToString(CultureInfo.InvariantCulture))!;

    private static bool TryDoubleToDecimal(double value, out decimal result) =>
        DecimalMath.TryToDecimal(value, out result);
}
