using WorkflowKit.Definitions.Packages;

namespace WorkflowKit.Permissions;

/// <summary>The checks a form's permission rules pass before any store saves them.</summary>
public static class PermissionRuleChecks
{
    /// <summary>
    /// Throws <see cref="ArgumentException"/> when a rule names another form, an unknown action or filters its
    /// rows with JavaScript. Stores call it before they begin their write transaction.
    /// </summary>
    public static void Validate(string formKey, IReadOnlyList<PermissionRule> rules)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(formKey);
        ArgumentNullException.ThrowIfNull(rules);
        foreach (var rule in rules)
        {
            if (rule.Form != formKey)
            {
                throw new ArgumentException(
                    $"A rule for role '{rule.Role}' names form '{rule.Form}' but is saved under form '{formKey}'.",
                    nameof(rules));
            }

            var unknown = rule.Actions.FirstOrDefault(action => !PermissionActions.All.Contains(action));
            if (unknown is not null)
            {
                throw new ArgumentException(
                    $"Rule for role '{rule.Role}' on form '{formKey}' has unknown action '{unknown}'; expected " +
                    $"{string.Join(", ", PermissionActions.All)}.", nameof(rules));
            }

            if (!string.IsNullOrWhiteSpace(rule.Rows?.JavaScript))
            {
                throw new ArgumentException(
                    $"Rule for role '{rule.Role}' on form '{formKey}' filters rows with JavaScript; permission rows " +
                    "must be structured rules so that every read path can apply them in the database.", nameof(rules));
            }
        }
    }
}
