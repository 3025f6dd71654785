namespace WorkflowKit.Definitions.Flows;

/// <summary>Whether a person may start a flow by hand, by the flow's <see cref="FlowDefinition.Starters"/>.</summary>
public static class StarterRules
{
    /// <summary>Rule types a starter list accepts.</summary>
    public static readonly IReadOnlyList<string> Types = [AssigneeTypes.User, AssigneeTypes.Role, AssigneeTypes.Department];

    /// <summary>Returns true when the rules are absent or one of them names the user, one of its roles or its department.</summary>
    public static bool Admits(
        IReadOnlyList<AssigneeRule>? starters, string userId, IEnumerable<string> roles, string? departmentId)
    {
        ArgumentNullException.ThrowIfNull(roles);
        if (starters is null)
        {
            return true;
        }

        var roleSet = roles.ToHashSet(StringComparer.Ordinal);
        return starters.Any(rule => rule.Type switch
        {
            AssigneeTypes.User => rule.Value == userId,
            AssigneeTypes.Role => rule.Value is not null && roleSet.Contains(rule.Value),
            AssigneeTypes.Department => rule.Value is not null && rule.Value == departmentId,
            _ => false,
        });
    }

    /// <summary>Describes the rules for a message, such as "role sales, user po-1"; "nobody" for an empty list.</summary>
    public static string Describe(IReadOnlyList<AssigneeRule> starters)
    {
        ArgumentNullException.ThrowIfNull(starters);
        return starters.Count == 0 ? "nobody" : string.Join(", ", starters.Select(rule => $"{rule.Type} {rule.Value}"));
    }
}
