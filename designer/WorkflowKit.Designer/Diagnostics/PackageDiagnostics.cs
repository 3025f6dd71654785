using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Definitions.Validation;
using WorkflowKit.Designer.Services;

namespace WorkflowKit.Designer.Diagnostics;

/// <summary>The diagnostics of one file of a validated package, with the document they point into.</summary>
/// <param name="File">The file's path as the validator reported it.</param>
/// <param name="Kind">The document's kind (form, flow, view, package), or null when the file could not be read.</param>
/// <param name="Subject">The document read into the model, for display names.</param>
/// <param name="Diagnostics">The file's diagnostics, each cause followed by its consequences.</param>
public sealed record PackageDiagnostics(
    string File, string? Kind, DiagnosticSubject Subject, IReadOnlyList<DesignerDiagnostic> Diagnostics)
{
    /// <summary>Splits a report's diagnostics by file, in the report's order.</summary>
    public static IReadOnlyList<PackageDiagnostics> ByFile(ValidationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var forms = report.Documents.Select(document => document.Model).OfType<FormDefinition>()
            .DistinctBy(form => form.Key).ToDictionary(form => form.Key, StringComparer.Ordinal);
        return [.. report.Diagnostics.GroupBy(diagnostic => diagnostic.File, StringComparer.Ordinal).Select(file =>
        {
            var document = report.Documents.FirstOrDefault(candidate => candidate.File == file.Key);
            var subject = document?.Model switch
            {
                FlowDefinition flow => new DiagnosticSubject(flow, flow.Form is null ? null : forms.GetValueOrDefault(flow.Form)),
                FormDefinition form => new DiagnosticSubject(null, form),
                _ => DiagnosticSubject.None,
            };
            var diagnostics = file.Select(diagnostic => new DesignerDiagnostic(
                diagnostic.IsError ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
                diagnostic.Code, diagnostic.Message, diagnostic.Pointer)
            {
                Arguments = diagnostic.Arguments,
                Cause = diagnostic.Cause,
            }).ToList();
            return new PackageDiagnostics(file.Key, document?.Kind, subject, diagnostics);
        })];
    }
}
