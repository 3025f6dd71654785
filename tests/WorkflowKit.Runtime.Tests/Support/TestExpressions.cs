using System.Globalization;
using System.Text.Json.Nodes;
using Jint;
using Jint.Native;
using WorkflowKit.Definitions.Conditions;
using WorkflowKit.Runtime.Expressions;

namespace WorkflowKit.Runtime.Tests.Support;

/// <summary>
/// A small stand-in for the expressions library while it is built: Jint with basic limits,
/// scope objects passed as JSON, structured rules compared on JSON values.
/// </summary>
// NOTE: replace with the adapter over WorkflowKit.Expressions once the expr branch is merged.
public sealed class TestExpressions : IFlowExpressions
{
    public bool EvaluateCondition(Condition condition, ExpressionScope scope, CancellationToken cancellationToken)
    {
        if (condition.JavaScript is { } script)
        {
            var value = Evaluate(script, scope, cancellationToken);
            return value switch
            {
                null => false,
                JsonValue json when json.TryGetValue<bool>(out var flag) => flag,
                JsonValue json when json.TryGetValue<string>(out var text) => text.Length > 0,
                JsonValue json => json.GetValue<decimal>() != 0,
                _ => true,
            };
        }

        return (condition.Any ?? []).Any(group => group.All.All(rule => Holds(rule, scope)));
    }

    public JsonNode? Evaluate(string expression, ExpressionScope scope, CancellationToken cancellationToken)
    {
        var engine = CreateEngine(scope);
        try
        {
            var result = engine.Evaluate(expression);
            return ToJson(engine, result);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            throw new FlowExpressionException($"\"{expression}\": {exception.Message}", exception);
        }
    }

    public ScriptOutcome Execute(string script, ExpressionScope scope, CancellationToken cancellationToken)
    {
        var engine = CreateEngine(scope);
        try
        {
            var result = engine.Evaluate(script);
            var form = ToJson(engine, engine.GetValue("form")) as JsonObject ?? [];
            var vars = ToJson(engine, engine.GetValue("vars")) as JsonObject ?? [];
            return new ScriptOutcome(form, vars, ToJson(engine, result));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            throw new FlowExpressionException(exception.Message, exception);
        }
    }

    private static Engine CreateEngine(ExpressionScope scope)
    {
        var engine = new Engine(options => options
            .TimeoutInterval(TimeSpan.FromSeconds(2))
            .LimitRecursion(200)
            .MaxStatements(100_000)
            .LimitMemory(50_000_000));
        Bind(engine, "form", scope.Form);
        Bind(engine, "vars", scope.Vars);
        Bind(engine, "initiator", scope.Initiator);
        Bind(engine, "nodes", scope.Nodes);
        Bind(engine, "record", scope.Record);
        Bind(engine, "row", scope.Row);
        return engine;
    }

    private static void Bind(Engine engine, string name, JsonNode? value)
    {
        engine.SetValue("__json", value?.ToJsonString() ?? "null");
        engine.Execute($"var {name} = JSON.parse(__json);");
    }

    private static JsonNode? ToJson(Engine engine, JsValue value)
    {
        if (value.IsUndefined())
        {
            return null;
        }

        engine.SetValue("__result", value);
        var text = engine.Evaluate("JSON.stringify(__result)");
        return text.IsString() ? JsonNode.Parse(text.AsString()) : null;
    }

    private static bool Holds(Rule rule, ExpressionScope scope)
    {
        var actual = Resolve(rule.Field, scope);
        var expected = rule.ValueField is { } other ? Resolve(other, scope) : rule.Value;
        return rule.Operator switch
        {
            RuleOperators.Equal => Compare(actual, expected) == 0,
            RuleOperators.NotEqual => Compare(actual, expected) != 0,
            RuleOperators.GreaterThan => Compare(actual, expected) > 0,
            RuleOperators.GreaterThanOrEqual => Compare(actual, expected) >= 0,
            RuleOperators.LessThan => Compare(actual, expected) < 0,
            RuleOperators.LessThanOrEqual => Compare(actual, expected) <= 0,
            RuleOperators.In => expected is JsonArray items && items.Any(item => Compare(actual, item) == 0),
            RuleOperators.IsEmpty => actual is null || actual.ToJsonString() is "\"\"" or "[]",
            RuleOperators.IsNotEmpty => !(actual is null || actual.ToJsonString() is "\"\"" or "[]"),
            _ => throw new FlowExpressionException($"Operator \"{rule.Operator}\" is not supported by the test evaluator."),
        };
    }

    private static int Compare(JsonNode? left, JsonNode? right)
    {
        if (left is JsonValue a && right is JsonValue b && a.TryGetValue<decimal>(out var x) && b.TryGetValue<decimal>(out var y))
        {
            return x.CompareTo(y);
        }

        return string.CompareOrdinal(Text(left), Text(right));
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : node?.ToJsonString();

    private static JsonNode? Resolve(string path, ExpressionScope scope)
    {
        var parts = path.Split('.');
        JsonNode? current = parts[0] switch
        {
            "vars" => scope.Vars,
            "initiator" => scope.Initiator,
            "nodes" => scope.Nodes,
            "row" => scope.Row,
            "form" => scope.Form,
            _ => scope.Form[parts[0]],
        };
        var start = parts[0] is "vars" or "initiator" or "nodes" or "row" or "form" ? 1 : 1;
        for (var index = start; index < parts.Length && current is not null; index++)
        {
            current = current is JsonArray array && int.TryParse(parts[index], NumberStyles.None, CultureInfo.InvariantCulture, out var at)
                ? array[at]
                : current[parts[index]];
        }

        return current;
    }
}
