namespace WorkflowKit.Definitions.Flows;

/// <summary>
/// Who receives a task or a notification. See <see cref="AssigneeTypes"/> for the meaning of
/// <see cref="Value"/> per type.
/// </summary>
public sealed class AssigneeRule
{
    public string Type { get; set; } = AssigneeTypes.User;

    /// <summary>User id, role key, department id, form field id or JavaScript expression, by type.</summary>
    public string? Value { get; set; }

    /// <summary>
    /// Narrows role and department assignees by user attribute: attribute name to expression,
    /// for example <c>{"region": "form.region"}</c> for the credit officer of the customer's region.
    /// </summary>
    public Dictionary<string, string>? Where { get; set; }
}
