namespace WorkflowKit.Designer.Admin;

/// <summary>A row scope "field = value" of a <see cref="PermissionRuleDraft"/>; the value as typed on the page.</summary>
public sealed class FieldValueScope
{
    public string Field { get; set; } = string.Empty;

    public string Value { get; set; } = string.Empty;
}
