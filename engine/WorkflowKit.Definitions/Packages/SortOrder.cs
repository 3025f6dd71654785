namespace WorkflowKit.Definitions.Packages;

/// <summary>One sort key of a record list.</summary>
public sealed class SortOrder
{
    public string Field { get; set; } = string.Empty;

    public bool Descending { get; set; }
}
