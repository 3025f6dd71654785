namespace WorkflowKit.Definitions.Forms;

/// <summary>One choice of a select field.</summary>
public sealed class FieldOption
{
    public string Value { get; set; } = string.Empty;

    public LocalizedText Label { get; set; } = new();
}
