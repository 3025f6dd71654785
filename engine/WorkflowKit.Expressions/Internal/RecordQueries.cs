using System.Text.Json.Nodes;
using Jint;
using Jint.Native;
using Jint.Native.Json;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Descriptors;
using Jint.Runtime.Interop;

namespace WorkflowKit.Expressions.Internal;

/// <summary>
/// Builds the <c>records</c> global: a frozen object whose <c>query(formKey, filter)</c> calls the host's
/// reader and returns plain objects. Numbers in the rows enter the script like every other JSON number, so
/// money sums computed from them go through the decimal arithmetic of the host.
/// </summary>
internal static class RecordQueries
{
    public static JsValue Create(Engine engine, Func<string, JsonObject, IReadOnlyList<JsonObject>>? reader)
    {
        var records = new JsObject(engine);
        var query = new ClrFunction(engine, "query", (_, arguments) => Query(engine, reader, arguments), 2);
        records.FastSetProperty("query", new PropertyDescriptor(query, PropertyFlag.AllForbidden));
        records.PreventExtensions();
        return records;
    }

    private static JsValue Query(
        Engine engine, Func<string, JsonObject, IReadOnlyList<JsonObject>>? reader, JsValue[] arguments)
    {
        if (reader is null)
        {
            throw new JavaScriptException(
                engine.Intrinsics.Error,
                "records.query is not available here: only flow steps (script nodes, record node values, conditions "
                + "and expressions of a running instance) can read records.");
        }

        var formKey = arguments.Length > 0 ? arguments[0] : JsValue.Undefined;
        if (!formKey.IsString() || formKey.AsString().Length == 0)
        {
            throw new JavaScriptException(
                engine.Intrinsics.TypeError,
                $"records.query expects a form key string as its first argument, got {Describe(formKey)}; "
                + "write records.query('receivable', { customer: form.customer }).");
        }

        var filterValue = arguments.Length > 1 ? arguments[1] : JsValue.Undefined;
        var filter = new JsonObject();
        if (!filterValue.IsNull() && !filterValue.IsUndefined())
        {
            if (filterValue is not ObjectInstance || filterValue.IsArray())
            {
                throw new JavaScriptException(
                    engine.Intrinsics.TypeError,
                    $"records.query('{formKey.AsString()}', filter) expects filter to be an object of field ids to "
                    + $"values, got {Describe(filterValue)}; pass {{}} to read every record of the form.");
            }

            var text = new JsonSerializer(engine).Serialize(filterValue);
            filter = JsonNode.Parse(text.AsString()) as JsonObject ?? [];
        }

        IReadOnlyList<JsonObject> rows;
        try
        {
            var clock = engine.Constraints.Find<ScriptClockConstraint>();
            var key = formKey.AsString();
            rows = clock is null ? reader(key, filter) : clock.Exclude(() => reader(key, filter));
        }
        catch (Exception exception) when (exception is InvalidOperationException or ArgumentException
            or KeyNotFoundException)
        {
            throw new JavaScriptException(engine.Intrinsics.Error, exception.Message);
        }

        var items = new JsValue[rows.Count];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = JsonToJs.Convert(engine, rows[i]);
        }

        return new JsArray(engine, items);
    }

    private static string Describe(JsValue value) =>
        value.IsString() ? $"\"{value.AsString()}\"" : value.IsNull() ? "null" : value.Type.ToString().ToLowerInvariant();
}
