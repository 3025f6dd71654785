namespace WorkflowKit.Definitions.Conditions;

/// <summary>
/// A condition written either as structured rules (groups of AND rules joined by OR), which the
/// designer edits without code, or as a JavaScript expression. Exactly one of the two is set.
/// </summary>
public sealed class Condition
{
    /// <summary>Groups joined by OR; inside a group, every rule must hold (AND).</summary>
    public List<RuleGroup>? Any { get; set; }

    /// <summary>A JavaScript expression that yields a truthy value when the condition holds.</summary>
    public string? JavaScript { get; set; }

    public static Condition Script(string javaScript) => new() { JavaScript = javaScript };

    public static Condition AllOf(params Rule[] rules) => new() { Any = [new RuleGroup { All = [.. rules] }] };
}
