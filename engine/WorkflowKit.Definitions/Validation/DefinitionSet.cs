using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Definitions.Packages;

namespace WorkflowKit.Definitions.Validation;

/// <summary>
/// Documents validated together, so that flows and views see their forms. Inside a package the
/// package's roles are known and references to other roles are errors.
/// </summary>
internal sealed class DefinitionSet(IReadOnlyList<DefinitionDocument> documents, PackageManifest? package)
{
    public IReadOnlyList<DefinitionDocument> Documents { get; } = documents;

    public PackageManifest? Package { get; } = package;

    public FormDefinition? FindForm(string? key) =>
        key is null ? null : Documents.Select(document => document.Model).OfType<FormDefinition>()
            .FirstOrDefault(form => form.Key == key);

    public FlowDefinition? FindFlow(string? key) =>
        key is null ? null : Documents.Select(document => document.Model).OfType<FlowDefinition>()
            .FirstOrDefault(flow => flow.Key == key);

    /// <summary>Role keys of the package, or null outside a package (roles are then not checked).</summary>
    public IReadOnlySet<string>? Roles =>
        Package?.Roles?.Select(role => role.Key).ToHashSet(StringComparer.Ordinal)
        ?? (Package is null ? null : new HashSet<string>(StringComparer.Ordinal));
}
