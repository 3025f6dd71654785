using WorkflowKit.Definitions;

namespace WorkflowKit.Designer.Services;

/// <summary>
/// A flow whose latest published version is bound to an older version of its form, so its new instances do not
/// see the form's latest changes until the flow is published again.
/// </summary>
/// <param name="FlowKey">The flow's key.</param>
/// <param name="FlowName">The flow's name in its latest published version.</param>
/// <param name="FlowVersion">The flow's latest published version.</param>
/// <param name="BoundFormVersion">The form version that <paramref name="FlowVersion"/> is bound to.</param>
/// <param name="LatestFormVersion">The form's latest published version.</param>
public sealed record FlowOnOlderForm(
    string FlowKey, LocalizedText FlowName, int FlowVersion, int BoundFormVersion, int LatestFormVersion);
