using WorkflowKit.Definitions.Store;
using WorkflowKit.Definitions.Validation;

namespace WorkflowKit.Designer.Admin;

/// <summary>
/// Compares a validated package with the definitions store: what its import would publish, leave unchanged, or find in
/// conflict with a newer version that the package did not publish. The admin page and <c>POST /api/packages</c> show it.
/// </summary>
public sealed class PackagePreviews(IDefinitionStore store)
{
    /// <summary>Lists the changes of the report's documents, the ones that need a choice first.</summary>
    public async Task<List<PackageChange>> ListChangesAsync(ValidationReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var changes = new List<PackageChange>();
        foreach (var document in report.Documents.Where(d => DefinitionKinds.All.Contains(d.Kind)))
        {
            var latest = await store.GetVersionAsync(document.Kind, document.Key, null, cancellationToken);
            var content = DefinitionContent.Canonical(document);
            var change = latest is null ? "New"
                : DefinitionContent.Hash(latest.Json) == DefinitionContent.Hash(content) ? "Unchanged" : "Changed";
            var conflict = change == "Changed" && report.Package is { } package
                ? PackageConflict.Find(document.Kind, document.Key, package.Key,
                    await store.GetHistoryAsync(document.Kind, document.Key, cancellationToken))
                : null;
            changes.Add(new PackageChange(document.Kind, document.Key, change, conflict));
        }

        // Definitions that need the admin's choice come first, so that they are on the table's first page.
        return [.. changes.OrderBy(item => item.Conflict is null)];
    }
}
