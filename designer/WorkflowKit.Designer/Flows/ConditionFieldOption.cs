namespace WorkflowKit.Designer.Flows;

/// <summary>
/// A field the rule builder offers: its path, its label and its type. A field with <paramref name="Choices"/> takes
/// only those values, and the builder offers them as a pick list in place of a text box.
/// </summary>
public sealed record ConditionFieldOption(
    string Path, string Label, string Type, IReadOnlyList<ConditionValueChoice>? Choices = null);

/// <summary>A value that a rule on a field with fixed values may compare with: the stored value and its label.</summary>
public sealed record ConditionValueChoice(string Value, string Label);
