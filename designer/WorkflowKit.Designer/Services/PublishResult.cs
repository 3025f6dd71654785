namespace WorkflowKit.Designer.Services;

/// <summary>
/// The outcome of a publish: the latest published version, or the errors that blocked it. <see cref="Created"/> is
/// false when the latest version already had the content (and, for a flow, its form's latest version), so nothing
/// new was published.
/// </summary>
public sealed record PublishResult(int? Version, IReadOnlyList<DesignerDiagnostic> Diagnostics, bool Created)
{
    public bool Published => Version is not null;
}
