using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jint;
using Jint.Native.Json;
using WorkflowKit.Definitions.Conditions;

namespace WorkflowKit.Designer.Services.Interim;

/// <summary>
/// Evaluates conditions against form data: structured rules with decimal comparisons, or a
/// JavaScript expression in a bounded Jint engine.
/// </summary>
/// <remarks>NOTE: interim until the expressions library lands; then this delegates to it.</remarks>
public static class ConditionEvaluator
{
    public static bool Evaluate(Condition condition, JsonObject form)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(form);
        if (!string.IsNullOrWhiteSpace(condition.JavaScript))
        {
            return EvaluateScript(condition.JavaScript, form);
        }

        return condition.Any is not { Count: > 0 } groups
            || groups.Any(group => group.All.All(rule => EvaluateRule(rule, form)));
    }

    private static bool EvaluateScript(string script, JsonObject form)
    {
        var engine = new Engine(options => options
            .TimeoutInterval(TimeSpan.FromSeconds(1))
            .MaxStatements(10_000)
            .LimitRecursion(64)
            .LimitMemory(16_000_000));
        engine.SetValue("form", new JsonParser(engine).Parse(form.ToJsonString()));
        var result = engine.Evaluate(script);
        return result.IsBoolean() ? result.AsBoolean() : !(result.IsNull() || result.IsUndefined()) && Truthy(result);
    }

    private static bool Truthy(Jint.Native.JsValue value) =>
        value.IsNumber() ? value.AsNumber() != 0 : !value.IsString() || value.AsString().Length > 0;

    private static bool EvaluateRule(Rule rule, JsonObject form)
    {
        var left = Resolve(form, rule.Field);
        var right = rule.ValueField is not null ? Resolve(form, rule.ValueField) : rule.Value;
        return rule.Operator switch
        {
            RuleOperators.IsEmpty => IsEmpty(left),
            RuleOperators.IsNotEmpty => !IsEmpty(left),
            RuleOperators.Equal => Compare(left, right) == 0,
            RuleOperators.NotEqual => Compare(left, right) != 0,
            RuleOperators.GreaterThan => Compare(left, right) > 0,
            RuleOperators.GreaterThanOrEqual => Compare(left, right) >= 0,
            RuleOperators.LessThan => Compare(left, right) < 0,
            RuleOperators.LessThanOrEqual => Compare(left, right) <= 0,
            RuleOperators.Between => right is JsonArray { Count: 2 } range
                && Compare(left, range[0]) >= 0 && Compare(left, range[1]) <= 0,
            RuleOperators.In => right is JsonArray items && items.Any(item => Compare(left, item) == 0),
            RuleOperators.NotIn => right is not JsonArray items || items.All(item => Compare(left, item) != 0),
            RuleOperators.Contains => Text(left).Contains(Text(right), StringComparison.Ordinal),
            RuleOperators.NotContains => !Text(left).Contains(Text(right), StringComparison.Ordinal),
            RuleOperators.StartsWith => Text(left).StartsWith(Text(right), StringComparison.Ordinal),
            RuleOperators.EndsWith => Text(left).EndsWith(Text(right), StringComparison.Ordinal),
            _ => throw new ArgumentException(
                $"Unknown rule operator '{rule.Operator}'; expected one of {string.Join(", ", RuleOperators.All)}.",
                nameof(rule)),
        };
    }

    private static JsonNode? Resolve(JsonObject form, string path)
    {
        var name = path.StartsWith("form.", StringComparison.Ordinal) ? path["form.".Length..] : path;
        return form.TryGetPropertyValue(name, out var value) ? value : null;
    }

    private static bool IsEmpty(JsonNode? value) =>
        value is null || (value is JsonValue v && v.TryGetValue<string>(out var s) && s.Length == 0)
        || (value is JsonArray { Count: 0 });

    private static string Text(JsonNode? value) =>
        value is null ? string.Empty
        : value is JsonValue v && v.TryGetValue<string>(out var s) ? s
        : value.ToJsonString();

    /// <summary>Compares as decimals when both sides read as numbers, else as ordinal text.</summary>
    private static int Compare(JsonNode? left, JsonNode? right)
    {
        if (ToDecimal(left) is { } l && ToDecimal(right) is { } r)
        {
            return l.CompareTo(r);
        }

        return string.CompareOrdinal(Text(left), Text(right));
    }

    internal static decimal? ToDecimal(JsonNode? value)
    {
        if (value is not JsonValue json)
        {
            return null;
        }

        return json.GetValueKind() switch
        {
            JsonValueKind.Number => decimal.Parse(json.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture),
            JsonValueKind.String when decimal.TryParse(
                json.GetValue<string>(), NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        };
    }
}
