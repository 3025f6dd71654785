using WorkflowKit.Definitions.Conditions;

namespace WorkflowKit.Definitions.Forms;

/// <summary>A cross-field rule: the condition must hold, else the message is shown on the named fields.</summary>
public sealed class FormRule
{
    public string Id { get; set; } = string.Empty;

    public Condition Condition { get; set; } = new();

    public LocalizedText Message { get; set; } = new();

    /// <summary>Fields the error is shown on; the first one also in API errors.</summary>
    public List<string>? Fields { get; set; }
}
