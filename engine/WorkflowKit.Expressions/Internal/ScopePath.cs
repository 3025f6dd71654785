using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Acornima.Ast;
using Jint.Runtime;

namespace WorkflowKit.Expressions.Internal;

/// <summary>
/// An expression that only reads a property path of a scope object, such as <c>form.customer</c> or
/// <c>vars.order.total</c>. <see cref="ScriptHost"/> reads such a path straight from the scope's JSON,
/// without an engine, when every step is an own property of a JSON object; the result is the JSON
/// text that <c>JSON.stringify</c> would write in the engine, parsed the same way.
/// </summary>
/// <remarks>
/// Anything else runs in the engine as before: a missing property (the engine may find it on the
/// prototype), an array or string along the way, object keys that JavaScript orders differently from
/// JSON (array indexes) or treats specially (<c>__proto__</c>), strings with unpaired surrogates, and
/// values nested deeper than <see cref="MaxDepth"/>. A path read runs no script code, so the engine's
/// time, statement and memory limits do not apply to it.
/// </remarks>
internal sealed class ScopePath
{
    /// <summary>Nesting of the result past which the engine's path is taken.</summary>
    private const int MaxDepth = 32;

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly string _root;
    private readonly string[] _properties;

    private ScopePath(string root, string[] properties)
    {
        _root = root;
        _properties = properties;
    }

    /// <summary>
    /// Returns the path that <paramref name="program"/> reads, or null when the program is anything
    /// but one expression statement of non-computed member accesses on a scope object.
    /// </summary>
    public static ScopePath? Of(Script program)
    {
        if (program.Body is not [ExpressionStatement { Expression: MemberExpression member }])
        {
            return null;
        }

        var properties = new List<string>();
        Expression current = member;
        while (current is MemberExpression { Computed: false, Optional: false, Property: Identifier property } step)
        {
            properties.Add(property.Name);
            current = step.Object;
        }

        if (current is not Identifier root || !ScriptScope.ObjectNames.Contains(root.Name))
        {
            return null;
        }

        properties.Reverse();
        return new ScopePath(root.Name, [.. properties]);
    }

    /// <summary>
    /// Reads the path from <paramref name="scope"/>. Returns false, with nothing read, when the
    /// engine has to evaluate the expression instead.
    /// </summary>
    public bool TryRead(ScriptScope scope, out JsonNode? result)
    {
        result = null;
        JsonNode? current = scope.ObjectNamed(_root);
        foreach (var property in _properties)
        {
            if (current is not JsonObject owner || property == "__proto__"
                || !owner.TryGetPropertyValue(property, out current))
            {
                return false;
            }
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            if (!TryWrite(writer, current, 0))
            {
                return false;
            }
        }

        result = JsonNode.Parse(buffer.WrittenSpan);
        return true;
    }

    /// <summary>
    /// Writes <paramref name="node"/> as <c>JSON.stringify</c> would after the scope's conversion to script values.
    /// </summary>
    private static bool TryWrite(Utf8JsonWriter writer, JsonNode? node, int depth)
    {
        if (depth > MaxDepth)
        {
            return false;
        }

        switch (node)
        {
            case null:
                writer.WriteNullValue();
                return true;
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (key, value) in obj)
                {
                    if (key == "__proto__" || IsArrayIndex(key) || HasLoneSurrogate(key))
                    {
                        return false;
                    }

                    writer.WritePropertyName(key);
                    if (!TryWrite(writer, value, depth + 1))
                    {
                        return false;
                    }
                }

                writer.WriteEndObject();
                return true;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    if (!TryWrite(writer, item, depth + 1))
                    {
                        return false;
                    }
                }

                writer.WriteEndArray();
                return true;
            case JsonValue value:
                return TryWriteValue(writer, value);
            default:
                return false;
        }
    }

    private static bool TryWriteValue(Utf8JsonWriter writer, JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                var text = value.TryGetValue(out string? plain)
                    ? plain
                    : JsonSerializer.Deserialize<string>(value.ToJsonString()) ?? string.Empty;
                if (HasLoneSurrogate(text))
                {
                    return false;
                }

                writer.WriteStringValue(text);
                return true;
            case JsonValueKind.Number:
                // The engine stores the number as a double, and JSON.stringify writes a non-finite one as null.
                var number = JsonNumbers.ToDouble(value);
                if (double.IsFinite(number))
                {
                    writer.WriteRawValue(TypeConverter.ToString(number), skipInputValidation: true);
                }
                else
                {
                    writer.WriteNullValue();
                }

                return true;
            case JsonValueKind.True:
                writer.WriteBooleanValue(true);
                return true;
            case JsonValueKind.False:
                writer.WriteBooleanValue(false);
                return true;
            default:
                writer.WriteNullValue();
                return true;
        }
    }

    /// <summary>
    /// Whether JavaScript treats <paramref name="key"/> as an array index, which an object lists before
    /// its other keys whatever the insertion order.
    /// </summary>
    private static bool IsArrayIndex(string key)
    {
        if (key.Length == 0 || key.Length > 10 || (key.Length > 1 && key[0] == '0'))
        {
            return false;
        }

        foreach (var c in key)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return ulong.Parse(key, System.Globalization.CultureInfo.InvariantCulture) < uint.MaxValue;
    }

    private static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }
}
