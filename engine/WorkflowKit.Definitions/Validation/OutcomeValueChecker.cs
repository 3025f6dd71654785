using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using WorkflowKit.Definitions.Conditions;
using WorkflowKit.Definitions.Diagnostics;
using WorkflowKit.Definitions.Documents;
using WorkflowKit.Definitions.Flows;

namespace WorkflowKit.Definitions.Validation;

/// <summary>
/// Reports (WK1349) an edge condition that compares a fill-in or approval node's <c>nodes.ID.outcome</c> with a value
/// the engine never stores there, such as the display word 驳回 in place of <c>rejected</c>. Such a comparison is
/// never true, so its branch never runs.
/// </summary>
internal static partial class OutcomeValueChecker
{
    public static void Check(CheckContext context, FlowDefinition flow)
    {
        var tasks = flow.Nodes.Where(node => NodeTypes.Human.Contains(node.Type))
            .GroupBy(node => node.Id, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.First(), StringComparer.Ordinal);
        if (tasks.Count == 0)
        {
            return;
        }

        for (var e = 0; e < flow.Edges.Count; e++)
        {
            if (flow.Edges[e].Condition is not { } condition)
            {
                continue;
            }

            foreach (var (nodeId, value, _, at) in Comparisons(condition, JsonPointers.Of("edges", e, "condition")))
            {
                if (!tasks.TryGetValue(nodeId, out var node) || NodeOutcomes.Possible(node).Contains(value))
                {
                    continue;
                }

                var allowed = string.Join(", ", NodeOutcomes.Possible(node));
                context.Error(
                    DiagnosticCodes.OutcomeValueUnknown, at,
                    $"Edge \"{flow.Edges[e].Id}\" compares the outcome of {node.Type} node \"{nodeId}\" with " +
                    $"\"{value}\", which the engine never stores there, so the comparison never holds. " +
                    $"Use one of: {allowed}.",
                    ("node", nodeId), ("edge", flow.Edges[e].Id), ("value", value), ("allowed", allowed));
            }
        }
    }

    /// <summary>
    /// Returns each comparison of a node's <c>nodes.ID.outcome</c> with a literal in a condition's rules and JavaScript,
    /// with whether it tests for inequality (<c>ne</c>, <c>notIn</c>, <c>!=</c>, <c>!==</c>).
    /// </summary>
    internal static IEnumerable<(string NodeId, string Value, bool Negated, string Pointer)> Comparisons(
        Condition condition, string pointer)
    {
        if (condition.JavaScript is { } script)
        {
            var at = JsonPointers.Append(pointer, "javaScript");
            foreach (Match match in ScriptComparison().Matches(script))
            {
                yield return (match.Groups["node"].Value, match.Groups["value"].Value,
                    match.Groups["op"].Value.StartsWith('!'), at);
            }
        }

        for (var g = 0; g < (condition.Any?.Count ?? 0); g++)
        {
            var group = condition.Any![g];
            for (var r = 0; r < group.All.Count; r++)
            {
                var rule = group.All[r];
                if (OutcomeNode(rule.Field) is not { } nodeId)
                {
                    continue;
                }

                var negated = rule.Operator is RuleOperators.NotEqual or RuleOperators.NotIn;
                foreach (var value in ComparedTexts(rule))
                {
                    yield return (nodeId, value, negated, JsonPointers.Of(pointer, "any", g, "all", r));
                }
            }
        }
    }

    private static string? OutcomeNode(string field)
    {
        const string prefix = "nodes.";
        const string suffix = ".outcome";
        return field.StartsWith(prefix, StringComparison.Ordinal) && field.EndsWith(suffix, StringComparison.Ordinal)
            && field.Length > prefix.Length + suffix.Length
                ? field[prefix.Length..^suffix.Length]
                : null;
    }

    /// <summary>
    /// Returns the literal values an equality or list rule compares with. A number or boolean is returned as its
    /// JSON text, because an outcome is always a string and such a rule never holds either.
    /// </summary>
    private static IEnumerable<string> ComparedTexts(Rule rule) => rule.Operator switch
    {
        RuleOperators.Equal or RuleOperators.NotEqual when rule.Value is { } value => [Text(value)],
        RuleOperators.In or RuleOperators.NotIn when rule.Value is JsonArray items =>
            items.Where(item => item is not null).Select(item => Text(item!)),
        _ => [],
    };

    private static string Text(JsonNode value) =>
        value is JsonValue text && text.GetValueKind() == JsonValueKind.String
            ? text.GetValue<string>()
            : value.ToJsonString();

    // Both operand orders of ==, ===, != and !== against a quoted literal.
    [GeneratedRegex("""nodes\.(?<node>[A-Za-z_$][\w$]*)\.outcome\s*(?<op>[!=]==?)\s*(?<q>['"])(?<value>(?:(?!\k<q>).)*)\k<q>|(?<q>['"])(?<value>(?:(?!\k<q>).)*)\k<q>\s*(?<op>[!=]==?)\s*nodes\.(?<node>[A-Za-z_$][\w$]*)\.outcome""")]
    private static partial Regex ScriptComparison();
}
