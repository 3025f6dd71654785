using WorkflowKit.Definitions.Diagnostics;
using WorkflowKit.Definitions.Documents;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Validation;

namespace WorkflowKit.Definitions.Store;

/// <summary>
/// The publish rule that a flow's forms come first: a flow cannot be published while a form it starts with, or a
/// form a node or trigger uses, has no published version. The validator alone only warns about such a form (WK1019),
/// because it may check a flow without its forms. The stores apply this rule when they publish or import.
/// </summary>
public static class FormPublication
{
    /// <summary>
    /// Returns one error per reference of <paramref name="document"/> to a form outside
    /// <paramref name="publishedForms"/>. The list is empty for forms, views and flows whose forms are all published.
    /// </summary>
    /// <param name="document">The flow (or other document) about to be published.</param>
    /// <param name="publishedForms">Keys of the forms that have a published version, or are published in the same import.</param>
    public static IReadOnlyList<Diagnostic> Check(DefinitionDocument document, IReadOnlySet<string> publishedForms)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(publishedForms);
        if (document.Model is not FlowDefinition flow)
        {
            return [];
        }

        var errors = new List<Diagnostic>();
        void Require(string? formKey, string pointer)
        {
            if (formKey is { Length: > 0 } key && !publishedForms.Contains(key))
            {
                errors.Add(new Diagnostic(
                    DiagnosticCodes.FormNotPublished, DiagnosticSeverity.Error, document.File, pointer,
                    $"Form \"{key}\" is not published. Publish form \"{key}\" first, then publish flow " +
                    $"\"{flow.Key}\" (a package import may publish both together).")
                {
                    Arguments = new Dictionary<string, string>(StringComparer.Ordinal) { ["form"] = key },
                });
            }
        }

        Require(flow.Form, "/form");
        for (var i = 0; i < flow.Nodes.Count; i++)
        {
            Require(flow.Nodes[i].Form, JsonPointers.Append(JsonPointers.Of("nodes", i), "form"));
        }

        for (var i = 0; i < (flow.Triggers?.Count ?? 0); i++)
        {
            Require(flow.Triggers![i].Form, JsonPointers.Append(JsonPointers.Of("triggers", i), "form"));
        }

        return errors;
    }

    /// <summary>
    /// Returns the errors of a package's flows that name a form which neither the package nor
    /// <paramref name="publishedForms"/> contains.
    /// </summary>
    public static IReadOnlyList<Diagnostic> CheckPackage(ValidationReport report, IEnumerable<string> publishedForms)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(publishedForms);
        var available = report.Documents.Where(document => document.Kind == DefinitionKinds.Form)
            .Select(document => document.Key)
            .Concat(publishedForms)
            .ToHashSet(StringComparer.Ordinal);
        return [.. report.Documents.SelectMany(document => Check(document, available))];
    }
}
