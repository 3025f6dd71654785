using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using WorkflowKit.Definitions.Conditions;
using WorkflowKit.Definitions.Diagnostics;
using WorkflowKit.Definitions.Documents;
using WorkflowKit.Definitions.Flows;

namespace WorkflowKit.Definitions.Validation;

/// <summary>
/// Warns (WK1348) about an edge condition that tests whether an approval node's outcome is <c>rejected</c> when that
/// node has no outgoing edge with a condition. A rejection there ends the instance, so no later node ever sees the
/// outcome <c>rejected</c> and the branch never runs.
/// </summary>
internal static partial class RejectedOutcomeChecker
{
    private const string Rejected = "rejected";

    public static void Check(CheckContext context, FlowDefinition flow)
    {
        var ending = EndingApprovals(flow);
        if (ending.Count == 0)
        {
            return;
        }

        for (var e = 0; e < flow.Edges.Count; e++)
        {
            if (flow.Edges[e].Condition is not { } condition)
            {
                continue;
            }

            var pointer = JsonPointers.Of("edges", e, "condition");
            foreach (var (nodeId, at) in RejectionTests(condition, pointer))
            {
                if (ending.Contains(nodeId))
                {
                    context.Warning(
                        DiagnosticCodes.RejectedOutcomeNeverSeen, at,
                        $"Edge \"{flow.Edges[e].Id}\" tests whether approval node \"{nodeId}\" was rejected, but a " +
                        $"rejection at \"{nodeId}\" ends the instance because none of its outgoing edges has a " +
                        "condition, so this test is never true. To branch on a rejection, give the approval node an " +
                        $"outgoing edge with the condition nodes.{nodeId}.outcome === 'rejected' and keep the usual " +
                        "edge as its default.",
                        ("node", nodeId), ("edge", flow.Edges[e].Id));
                }
            }
        }
    }

    /// <summary>Approval nodes where a rejection always ends the instance: none of their outgoing edges has a condition.</summary>
    private static HashSet<string> EndingApprovals(FlowDefinition flow)
    {
        var branching = flow.Edges.Where(edge => edge.Condition is not null).Select(edge => edge.From)
            .ToHashSet(StringComparer.Ordinal);
        return flow.Nodes.Where(node => node.Type == NodeTypes.Approval && !branching.Contains(node.Id))
            .Select(node => node.Id).ToHashSet(StringComparer.Ordinal);
    }

    private static IEnumerable<(string NodeId, string Pointer)> RejectionTests(Condition condition, string pointer)
    {
        if (condition.JavaScript is { } script)
        {
            foreach (Match match in ScriptTest().Matches(script))
            {
                yield return (match.Groups["node"].Value, JsonPointers.Append(pointer, "javaScript"));
            }
        }

        for (var g = 0; g < (condition.Any?.Count ?? 0); g++)
        {
            var group = condition.Any![g];
            for (var r = 0; r < group.All.Count; r++)
            {
                var rule = group.All[r];
                if (OutcomeNode(rule.Field) is { } nodeId && NamesRejected(rule))
                {
                    yield return (nodeId, JsonPointers.Of(pointer, "any", g, "all", r));
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

    private static bool NamesRejected(Rule rule) => rule.Operator switch
    {
        RuleOperators.Equal => IsRejected(rule.Value),
        RuleOperators.In => rule.Value is JsonArray items && items.Any(IsRejected),
        _ => false,
    };

    private static bool IsRejected(JsonNode? value) =>
        value is JsonValue text && text.GetValueKind() == JsonValueKind.String
        && text.GetValue<string>() == Rejected;

    [GeneratedRegex("""nodes\.(?<node>[A-Za-z_$][\w$]*)\.outcome\s*===?\s*(['"])rejected\1""")]
    private static partial Regex ScriptTest();
}
