using System.Text.Json.Nodes;
using Jint;
using Jint.Native;
using Jint.Runtime;
using Jint.Runtime.Descriptors;
using Jint.Runtime.Interop;

namespace WorkflowKit.Expressions.Internal;

/// <summary>
/// Builds the <c>params</c> object of a script: the flow's parameters as read-only properties, behind a proxy that
/// raises a TypeError naming the parameter when a script reads or writes one the flow does not declare.
/// </summary>
/// <remarks>
/// Reads of symbols, of <c>toJSON</c> and of names that <c>Object.prototype</c> has (<c>toString</c>,
/// <c>hasOwnProperty</c>) pass through, so <c>JSON.stringify(params)</c> and string conversion keep working.
/// </remarks>
internal static class ParameterObject
{
    public static JsValue Create(Engine engine, JsonObject? parameters)
    {
        var target = new JsObject(engine);
        foreach (var (id, value) in parameters ?? [])
        {
            target.DefineOwnProperty(
                id, new PropertyDescriptor(JsonToJs.Convert(engine, value), writable: false, enumerable: true,
                    configurable: false));
        }

        target.PreventExtensions();
        var declared = parameters is { Count: > 0 }
            ? string.Join(", ", parameters.Select(pair => pair.Key).Order(StringComparer.Ordinal))
            : "none";
        var handler = new JsObject(engine);
        handler.FastSetDataProperty("get", new ClrFunction(engine, "get", (_, arguments) =>
        {
            var key = arguments.At(1);
            if (key.IsString() && key.AsString() != "toJSON" && !target.HasProperty(key))
            {
                throw new JavaScriptException(
                    engine.Intrinsics.TypeError,
                    $"params.{key.AsString()} is not a parameter of this flow (declared: {declared}). Add it to "
                    + "the flow's parameters or correct the name.");
            }

            return target.Get(key);
        }));
        handler.FastSetDataProperty("set", new ClrFunction(engine, "set", (_, arguments) =>
            throw new JavaScriptException(
                engine.Intrinsics.TypeError,
                $"params.{TypeConverter.ToString(arguments.At(1))} cannot be changed by a script, because "
                + "parameters are set in the flow's settings. Store the changed value in vars instead.")));
        return engine.Construct("Proxy", target, handler);
    }
}
