using WorkflowKit.Definitions.Diagnostics;

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
    string? FieldId = null)
{
    /// <summary>The values the validator's English message quotes, by name (see <see cref="Diagnostic.Arguments"/>).</summary>
    public IReadOnlyDictionary<string, string> Arguments { get; init; } = new Dictionary<string, string>();

    /// <summary>The diagnostic of the same document that this one follows from, or null.</summary>
    public DiagnosticCause? Cause { get; init; }
}
