using WorkflowKit.Definitions.Diagnostics;
using WorkflowKit.Definitions.Documents;

namespace WorkflowKit.Definitions.Validation;

/// <summary>Collects the diagnostics of one document, with positions taken from its source.</summary>
internal sealed class CheckContext(JsonSource source, List<Diagnostic> diagnostics)
{
    public JsonSource Source { get; } = source;

    public void Error(string code, string pointer, string message) =>
        diagnostics.Add(Source.At(code, DiagnosticSeverity.Error, pointer, message));

    public void Warning(string code, string pointer, string message) =>
        diagnostics.Add(Source.At(code, DiagnosticSeverity.Warning, pointer, message));
}
