namespace WorkflowKit.Import;

/// <summary>
/// Maps one column of the file, found by its header text, to a form field. When a header text
/// appears more than once, <see cref="Occurrence"/> picks which one (1 for the first); it must
/// be given for a duplicated header, so that a mapping never picks a column by accident.
/// </summary>
public sealed record ImportColumnMapping(string Column, string Field)
{
    public int? Occurrence { get; init; }
}
