using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Conditions;

namespace WorkflowKit.Designer.Flows;

/// <summary>Turns structured rules into the equivalent JavaScript, used when switching to advanced mode.</summary>
public static class ConditionScript
{
    public static string FromRules(Condition condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        if (condition.JavaScript is not null)
        {
            return condition.JavaScript;
        }

        var groups = (condition.Any ?? [])
            .Where(group => group.All.Count > 0)
            .Select(group => string.Join(" && ", group.All.Select(Rule)))
            .ToList();
        return groups.Count switch
        {
            0 => "true",
            1 => groups[0],
            _ => string.Join(" || ", groups.Select(group => $"({group})")),
        };
    }

    /// <summary>A short text for an edge label, such as "total > 500000".</summary>
    public static string Summary(Condition? condition)
    {
        if (condition is null)
        {
            return string.Empty;
        }

        var text = FromRules(condition).Replace("form.", string.Empty, StringComparison.Ordinal);
        return text.Length > 40 ? text[..37] + "..." : text;
    }

    /// <summary>The roots that a rule's field path may start with; any other path is a form field.</summary>
    private static readonly string[] PathRoots = ["form", "vars", "params", "initiator", "row", "user", "nodes"];

    private static string Script(string path) =>
        path.Split('.') is [var root, _, ..] && PathRoots.Contains(root) ? path : "form." + path;

    private static string Rule(Rule rule)
    {
        var field = Script(rule.Field);
        var value = rule.ValueField is not null ? Script(rule.ValueField) : Literal(rule.Value);
        return rule.Operator switch
        {
            RuleOperators.Equal => $"{field} == {value}",
            RuleOperators.NotEqual => $"{field} != {value}",
            RuleOperators.GreaterThan => $"{field} > {value}",
            RuleOperators.GreaterThanOrEqual => $"{field} >= {value}",
            RuleOperators.LessThan => $"{field} < {value}",
            RuleOperators.LessThanOrEqual => $"{field} <= {value}",
            RuleOperators.Between when rule.Value is JsonArray { Count: 2 } range =>
                $"{field} >= {Literal(range[0])} && {field} <= {Literal(range[1])}",
            RuleOperators.In => $"{value}.includes({field})",
            RuleOperators.NotIn => $"!{value}.includes({field})",
            RuleOperators.Contains => $"String({field}).includes({value})",
            RuleOperators.NotContains => $"!String({field}).includes({value})",
            RuleOperators.StartsWith => $"String({field}).startsWith({value})",
            RuleOperators.EndsWith => $"String({field}).endsWith({value})",
            RuleOperators.IsEmpty => $"({field} == null || {field} === '')",
            RuleOperators.IsNotEmpty => $"!({field} == null || {field} === '')",
            _ => "false",
        };
    }

    private static string Literal(JsonNode? value) => value switch
    {
        null => "null",
        JsonValue json when json.GetValueKind() == JsonValueKind.Number =>
            decimal.Parse(json.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture)
                .ToString(CultureInfo.InvariantCulture),
        _ => value.ToJsonString(),
    };
}
