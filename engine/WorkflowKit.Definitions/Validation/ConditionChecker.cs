using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Conditions;
using WorkflowKit.Definitions.Diagnostics;
using WorkflowKit.Definitions.Documents;

namespace WorkflowKit.Definitions.Validation;

/// <summary>Checks a condition: its shape, its JavaScript, and each rule's fields and value.</summary>
internal static class ConditionChecker
{
    private static readonly HashSet<string> NoValue = new(StringComparer.Ordinal)
    {
        RuleOperators.IsEmpty, RuleOperators.IsNotEmpty,
    };

    private static readonly HashSet<string> ListValue = new(StringComparer.Ordinal)
    {
        RuleOperators.In, RuleOperators.NotIn,
    };

    // valueScope: where valueField paths resolve when it differs from scope, as for an update
    // node's match, whose fields name the target form and whose valueFields name the flow's form.
    public static void Check(
        CheckContext context, Condition? condition, string pointer, FieldScope scope, FieldScope? valueScope = null)
    {
        if (condition is null)
        {
            return;
        }

        if ((condition.Any is null) == (condition.JavaScript is null))
        {
            context.Error(
                DiagnosticCodes.ConditionShape, pointer,
                condition.Any is null
                    ? "The condition is empty. Set \"any\" (structured rules) or \"javaScript\"."
                    : "The condition sets both \"any\" and \"javaScript\"; only one can count. Remove one.");
            return;
        }

        ScriptChecker.Check(context, condition.JavaScript, JsonPointers.Append(pointer, "javaScript"), scope);
        for (var g = 0; g < (condition.Any?.Count ?? 0); g++)
        {
            var group = condition.Any![g];
            for (var r = 0; r < group.All.Count; r++)
            {
                CheckRule(context, group.All[r], JsonPointers.Of(pointer, "any", g, "all", r), scope, valueScope
                    ?? scope);
            }
        }
    }

    private static void CheckRule(CheckContext context, Rule rule, string pointer, FieldScope scope,
        FieldScope valueScope)
    {
        CheckPath(context, rule.Field, JsonPointers.Append(pointer, "field"), scope);
        if (rule.ValueField is not null)
        {
            CheckPath(context, rule.ValueField, JsonPointers.Append(pointer, "valueField"), valueScope);
        }

        var sources = (rule.Value is null ? 0 : 1) + (rule.ValueField is null ? 0 : 1)
            + (rule.ValueFrom is null ? 0 : 1);
        var valuePointer = JsonPointers.Append(pointer, "value");
        if (NoValue.Contains(rule.Operator))
        {
            if (sources > 0)
            {
                context.Error(
                    DiagnosticCodes.RuleValueShape, pointer,
                    $"Operator \"{rule.Operator}\" compares with nothing, but the rule sets a value. Remove it.");
            }

            return;
        }

        if (sources != 1)
        {
            context.Error(
                DiagnosticCodes.RuleValueShape, pointer,
                $"Operator \"{rule.Operator}\" needs exactly one of \"value\", \"valueField\" or \"valueFrom\"; " +
                $"the rule sets {sources}.");
            return;
        }

        if (rule.Operator == RuleOperators.Between &&
            rule.Value is not null && rule.Value is not JsonArray { Count: 2 })
        {
            context.Error(
                DiagnosticCodes.RuleValueShape, valuePointer,
                $"Operator \"between\" needs a value of two items [low, high], got {rule.Value.ToJsonString()}.");
        }
        else if (ListValue.Contains(rule.Operator) && rule.Value is not null and not JsonArray)
        {
            context.Error(
                DiagnosticCodes.RuleValueShape, valuePointer,
                $"Operator \"{rule.Operator}\" needs an array of values, got {rule.Value.ToJsonString()}. " +
                "Write it as [\"a\", \"b\"].");
        }
    }

    private static void CheckPath(CheckContext context, string path, string pointer, FieldScope scope)
    {
        if (path.StartsWith("params.", StringComparison.Ordinal) && !scope.Resolves(path))
        {
            ParameterChecker.Unknown(context, path, pointer, scope);
        }
        else if (!scope.Resolves(path))
        {
            context.Error(
                DiagnosticCodes.UnknownField, pointer,
                $"Field path \"{path}\" names no field of the form. Use one of: {scope.Describe()}, or a path " +
                "starting with vars., initiator. or user.",
                ("field", path));
        }
    }
}
