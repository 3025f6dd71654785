namespace WorkflowKit.Designer.Flows;

/// <summary>A field the rule builder offers: its path, its label and its type.</summary>
public sealed record ConditionFieldOption(string Path, string Label, string Type);
