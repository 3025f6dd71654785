using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jint;
using Jint.Native;

namespace WorkflowKit.Expressions.Internal;

/// <summary>Copies JSON values into a script engine. Numbers become the double nearest their decimal text.</summary>
internal static class JsonToJs
{
    public static JsValue Convert(Engine engine, JsonNode? node)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (node)
        {
            case null:
                return JsValue.Null;
            case JsonObject obj:
                var target = new JsObject(engine);
                foreach (var (key, value) in obj)
                {
                    target.FastSetDataProperty(key, Convert(engine, value));
                }

                return target;
            case JsonArray array:
                var items = new JsValue[array.Count];
                for (var i = 0; i < items.Length; i++)
                {
                    items[i] = Convert(engine, array[i]);
                }

                return new JsArray(engine, items);
            case JsonValue value:
                return ConvertValue(value);
            default:
                throw new ArgumentException(
                    $"Expected a JSON object, array or value; got {node.GetType().Name}.", nameof(node));
        }
    }

    private static JsValue ConvertValue(JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                return value.TryGetValue(out string? text)
                    ? new JsString(text)
                    : new JsString(JsonSerializer.Deserialize<string>(value.ToJsonString()) ?? string.Empty);
            case JsonValueKind.Number:
                return new JsNumber(JsonNumbers.ToDouble(value));
            case JsonValueKind.True:
                return JsBoolean.True;
            case JsonValueKind.False:
                return JsBoolean.False;
            default:
                return JsValue.Null;
        }
    }
}
