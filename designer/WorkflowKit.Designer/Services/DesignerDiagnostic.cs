namespace WorkflowKit.Designer.Services;

/// <summary>
/// A finding of the definition validator, with where it points: a node or edge id of a flow, a
/// field id of a form, and the JSON pointer into the document.
/// </summary>
public sealed record DesignerDiagnostic(
    DiagnosticSeverity Severity,
    string Code,
    string Message,
    string Pointer,
    string? NodeId = null,
    string? EdgeId = null,
    string? FieldId = null);
