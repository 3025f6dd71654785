namespace WorkflowKit.Definitions;

/// <summary>
/// A computed value: either the small formula syntax (for example <c>SUM(lines.amount) * 1.13</c>)
/// or JavaScript. Both see the form's fields by id; inside a sub-table, <c>row</c> is the current row.
/// </summary>
public sealed class Expression
{
    public string? Formula { get; set; }

    public string? JavaScript { get; set; }
}
