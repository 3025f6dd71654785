using MudBlazor;

namespace WorkflowKit.Designer.Portal;

/// <summary>The texts and rules of one <see cref="ActionReasonDialog"/>, all in the page language.</summary>
public sealed record ActionReasonRequest(string Title, string Explanation, string ConfirmLabel, bool ReasonRequired)
{
    public string? InitialReason { get; init; }

    /// <summary>Label of the text box; "Reason" or "Reason (optional)" in the page language when null.</summary>
    public string? ReasonLabel { get; init; }

    public Color Color { get; init; } = Color.Primary;
}
