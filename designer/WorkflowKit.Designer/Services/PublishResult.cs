namespace WorkflowKit.Designer.Services;

/// <summary>The outcome of a publish: the new version, or the errors that blocked it.</summary>
public sealed record PublishResult(int? Version, IReadOnlyList<DesignerDiagnostic> Diagnostics)
{
    public bool Published => Version is not null;
}
