namespace WorkflowKit.Designer.Services;

/// <summary>Errors block publishing; warnings do not.</summary>
public enum DiagnosticSeverity
{
    Error,
    Warning,
}
