namespace WorkflowKit.Definitions.Diagnostics;

/// <summary>How serious a diagnostic is. Errors block publishing and importing; warnings do not.</summary>
public enum DiagnosticSeverity
{
    Warning,
    Error,
}
