using WorkflowKit.Definitions.Conditions;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Expressions;

namespace WorkflowKit.Forms;

/// <summary>Finds the form fields that a cross-field or sub-table row rule reads.</summary>
public static class FormRuleFields
{
    private static readonly string[] NonFieldPrefixes = ["row.", "vars.", "initiator.", "user.", "nodes."];

    /// <summary>
    /// Returns whether the condition of <paramref name="rule"/> reads any of the form fields in <paramref name="fieldIds"/>.
    /// A script that indexes <c>form</c> with a computed key may read every field, so it counts as reading them. A
    /// script with a syntax error counts as reading none, so that it still runs and reports its error.
    /// </summary>
    public static bool ReadsAny(FormRule rule, IReadOnlySet<string> fieldIds)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(fieldIds);
        if (fieldIds.Count == 0)
        {
            return false;
        }

        return Read(rule.Condition).Any(path => path == JavaScriptDependencies.AnyField ||
            fieldIds.Contains(TopLevelField(path)));
    }

    private static IEnumerable<string> Read(Condition condition)
    {
        if (condition.JavaScript is { } script)
        {
            try
            {
                return JavaScriptDependencies.Find(script);
            }
            catch (ScriptException)
            {
                return [];
            }
        }

        return (condition.Any ?? [])
            .SelectMany(group => group.All ?? [])
            .SelectMany(rule => rule.ValueField is null ? [rule.Field] : new[] { rule.Field, rule.ValueField });
    }

    /// <summary>
    /// Returns whether a cross-field or sub-table row rule of <paramref name="form"/> may read the submitting user:
    /// a rule path rooted at <c>user</c>, a rule's <c>valueFrom</c>, or a script whose text contains "user" anywhere.
    /// False is certain. True may be cautious, for a script that only names a field such as <c>username</c>.
    /// </summary>
    public static bool ReadsUser(FormDefinition form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return AnyRuleReadsUser(form.Rules, form.Fields);
    }

    private static bool AnyRuleReadsUser(List<FormRule>? rules, List<FieldDefinition>? fields) =>
        (rules ?? []).Any(rule => ReadsUser(rule.Condition))
        || (fields ?? []).Any(field => AnyRuleReadsUser(field.RowRules, field.Fields));

    private static bool ReadsUser(Condition condition)
    {
        if (condition.JavaScript is { } script)
        {
            return script.Contains("user", StringComparison.Ordinal);
        }

        return (condition.Any ?? [])
            .SelectMany(group => group.All ?? [])
            .Any(rule => rule.ValueFrom is not null || IsUserPath(rule.Field) || IsUserPath(rule.ValueField));
    }

    private static bool IsUserPath(string? path) =>
        path is not null
        && path.StartsWith("user", StringComparison.Ordinal)
        && (path.Length == "user".Length || path["user".Length] is '.' or '[');

    // Paths "lines[0].amount" and "form.lines" read field "lines". Path "row.qty" reads a sub-table column instead.
    private static string TopLevelField(string path)
    {
        if (path.StartsWith("form.", StringComparison.Ordinal))
        {
            path = path["form.".Length..];
        }
        else if (NonFieldPrefixes.Any(prefix => path.StartsWith(prefix, StringComparison.Ordinal)))
        {
            return string.Empty;
        }

        var end = path.IndexOfAny(['.', '[']);
        return end < 0 ? path : path[..end];
    }
}
