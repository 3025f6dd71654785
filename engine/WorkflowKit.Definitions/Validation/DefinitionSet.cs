using System.Text.Json;
using WorkflowKit.Definitions.Documents;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Definitions.Packages;

namespace WorkflowKit.Definitions.Validation;

/// <summary>
/// Documents validated together, so that flows and views see their forms. Inside a package the
/// package's roles are known and references to other roles are errors.
/// </summary>
internal sealed class DefinitionSet(
    IReadOnlyList<DefinitionDocument> documents, PackageManifest? package,
    IReadOnlySet<(string Kind, string Key)>? unreadable = null)
{
    public IReadOnlyList<DefinitionDocument> Documents { get; } = documents;

    /// <summary>
    /// Kind and key of documents that were given but failed to load (schema or model errors). Their own errors
    /// explain the failure, so references to them are not reported again as missing.
    /// </summary>
    public IReadOnlySet<(string Kind, string Key)> Unreadable { get; } =
        unreadable ?? new HashSet<(string Kind, string Key)>();

    public PackageManifest? Package { get; } = package;

    public FormDefinition? FindForm(string? key) =>
        key is null ? null : Documents.Select(document => document.Model).OfType<FormDefinition>()
            .FirstOrDefault(form => form.Key == key);

    public FlowDefinition? FindFlow(string? key) =>
        key is null ? null : Documents.Select(document => document.Model).OfType<FlowDefinition>()
            .FirstOrDefault(flow => flow.Key == key);

    /// <summary>Whether a form or flow with this key was given but failed to load.</summary>
    public bool IsUnreadable(string kind, string? key) => key is not null && Unreadable.Contains((kind, key));

    /// <summary>
    /// Reads the kind and key of a document that failed to load, from its JSON; null when the JSON has no string
    /// kind and key.
    /// </summary>
    public static (string Kind, string Key)? KindAndKey(JsonSource source) =>
        source.Document?.RootElement is { ValueKind: JsonValueKind.Object } root
        && root.TryGetProperty("kind", out var kind) && kind.ValueKind == JsonValueKind.String
        && root.TryGetProperty("key", out var key) && key.ValueKind == JsonValueKind.String
            ? (kind.GetString()!, key.GetString()!)
            : null;

    /// <summary>Role keys of the package, or null outside a package (roles are then not checked).</summary>
    public IReadOnlySet<string>? Roles =>
        Package?.Roles?.Select(role => role.Key).ToHashSet(StringComparer.Ordinal)
        ?? (Package is null ? null : new HashSet<string>(StringComparer.Ordinal));
}
