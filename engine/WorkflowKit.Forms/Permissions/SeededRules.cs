namespace WorkflowKit.Permissions;

/// <summary>The number of a package's permission rules stored for one form that had none.</summary>
public sealed record SeededRules(string FormKey, int Count);
