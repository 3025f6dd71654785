using WorkflowKit.Definitions.Diagnostics;
using WorkflowKit.Definitions.Packages;

namespace WorkflowKit.Definitions.Validation;

/// <summary>
/// The outcome of validating a set of documents: diagnostics in file and line order with each cause followed by its
/// consequences (see <see cref="DiagnosticOrder"/>), and the documents read.
/// </summary>
public sealed class ValidationReport
{
    internal ValidationReport(
        IReadOnlyList<Diagnostic> diagnostics, IReadOnlyList<DefinitionDocument> documents,
        PackageManifest? package = null, string? packageFolder = null)
    {
        Diagnostics = DiagnosticOrder.CausesFirst(diagnostics);
        Documents = documents;
        Package = package;
        PackageFolder = packageFolder;
    }

    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>Documents that were read into the model (also those with semantic errors).</summary>
    public IReadOnlyList<DefinitionDocument> Documents { get; }

    /// <summary>The manifest when a package was validated.</summary>
    public PackageManifest? Package { get; }

    public string? PackageFolder { get; }

    public bool HasErrors => Diagnostics.Any(diagnostic => diagnostic.IsError);

    public IEnumerable<Diagnostic> Errors => Diagnostics.Where(diagnostic => diagnostic.IsError);

    internal static ValidationReport Combine(IReadOnlyList<ValidationReport> reports) =>
        new([.. reports.SelectMany(report => report.Diagnostics)], [.. reports.SelectMany(report => report.Documents)]);
}
