using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Conditions;
using WorkflowKit.Organization;

namespace WorkflowKit.Records;

/// <summary>
/// Turns the structured rules of a <see cref="Condition"/> into a <see cref="RecordFilter"/>,
/// resolving <see cref="Rule.ValueFrom"/> ("user.id", "user.department" or "user.ATTRIBUTE")
/// against the current user.
/// </summary>
/// <remarks>
/// A rule whose <see cref="Rule.ValueFrom"/> has no value for the user (no user, or an
/// attribute the user lacks) admits no record: "region = user.region" must not match records
/// with an empty region for a user without one. A JavaScript condition goes through
/// <see cref="JavaScriptRecordFilter"/>, which raises <see cref="JavaScriptFilterException"/> for
/// a script it cannot translate.
/// </remarks>
public static class ConditionFilters
{
    public static RecordFilter FromCondition(Condition? condition, OrgUser? user)
    {
        if (condition is null)
        {
            return RecordFilter.True;
        }

        if (!string.IsNullOrWhiteSpace(condition.JavaScript))
        {
            return JavaScriptRecordFilter.Translate(condition.JavaScript, user);
        }

        if (condition.Any is null || condition.Any.Count == 0)
        {
            return RecordFilter.True;
        }

        return RecordFilter.Or(condition.Any.Select(group =>
            RecordFilter.And(group.All.Select(rule => FromRule(rule, user)))));
    }

    public static RecordFilter FromRule(Rule rule, OrgUser? user)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (!RuleOperators.All.Contains(rule.Operator))
        {
            throw new ArgumentException(
                $"Unknown operator '{rule.Operator}' in a rule on '{rule.Field}'; expected one of " +
                $"{string.Join(", ", RuleOperators.All.Order(StringComparer.Ordinal))}.",
                nameof(rule));
        }

        if (rule.ValueFrom is { } valueFrom)
        {
            var value = ResolveUserValue(valueFrom, user);
            return value is null
                ? RecordFilter.False
                : new RecordFilterRule(rule.Field, rule.Operator, value, null);
        }

        return new RecordFilterRule(rule.Field, rule.Operator, rule.Value?.DeepClone(), rule.ValueField);
    }

    /// <summary>Resolves "user.id", "user.department", "user.name" or "user.ATTRIBUTE"; null when absent.</summary>
    public static JsonNode? ResolveUserValue(string valueFrom, OrgUser? user)
    {
        ArgumentNullException.ThrowIfNull(valueFrom);
        if (!valueFrom.StartsWith("user.", StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"valueFrom must name a user attribute such as \"user.region\", got '{valueFrom}'.",
                nameof(valueFrom));
        }

        if (user is null)
        {
            return null;
        }

        var name = valueFrom["user.".Length..];
        var text = name switch
        {
            "id" => user.Id,
            "department" => user.DepartmentId,
            "name" => user.DisplayName,
            _ => user.GetAttribute(name),
        };
        return string.IsNullOrEmpty(text) ? null : JsonValue.Create(text);
    }
}
