namespace WorkflowKit.Definitions.Conditions;

/// <summary>Operator names of structured rules.</summary>
public static class RuleOperators
{
    public const string Equal = "eq";
    public const string NotEqual = "ne";
    public const string GreaterThan = "gt";
    public const string GreaterThanOrEqual = "gte";
    public const string LessThan = "lt";
    public const string LessThanOrEqual = "lte";
    public const string Between = "between";
    public const string In = "in";
    public const string NotIn = "notIn";
    public const string Contains = "contains";
    public const string NotContains = "notContains";
    public const string StartsWith = "startsWith";
    public const string EndsWith = "endsWith";
    public const string IsEmpty = "isEmpty";
    public const string IsNotEmpty = "isNotEmpty";

    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        Equal, NotEqual, GreaterThan, GreaterThanOrEqual, LessThan, LessThanOrEqual, Between, In, NotIn,
        Contains, NotContains, StartsWith, EndsWith, IsEmpty, IsNotEmpty,
    };
}
