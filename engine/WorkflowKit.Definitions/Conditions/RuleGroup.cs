namespace WorkflowKit.Definitions.Conditions;

/// <summary>Rules that must all hold.</summary>
public sealed class RuleGroup
{
    public List<Rule> All { get; set; } = [];
}
