namespace WorkflowKit.Designer.Services;

/// <summary>One broken rule: the field path (such as "lines[2].quantity") and the message.</summary>
public sealed record FieldError(string Field, string Message);
