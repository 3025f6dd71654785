using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Definitions.Packages;
using WorkflowKit.Definitions.Validation;

namespace WorkflowKit.Definitions.Store;

/// <summary>
/// Writes one published definition version as a template package folder that <c>workflowkit import</c> reads: a
/// <c>package.json</c> keyed like the definition, the definition itself, and the published forms and flows it refers
/// to, with the roles their assignee, recipient and starter rules name, so that the package validates and runs in a
/// store that has none of them.
/// </summary>
public static class DefinitionPackageExporter
{
    // Properties whose string values are form keys, and the one whose value is a flow key, anywhere in a document.
    private static readonly HashSet<string> FormReferences = new(StringComparer.Ordinal) { "form", "relatedForm" };
    private const string FlowReference = "flow";

    /// <summary>
    /// Writes <paramref name="kind"/> <paramref name="key"/> (the latest published version when
    /// <paramref name="version"/> is null) into <paramref name="folder"/> as <c>forms/KEY.json</c>,
    /// <c>flows/KEY.json</c> or <c>views/KEY.json</c> with a manifest, and returns the files written. A flow takes
    /// the form version it was published with. Other referenced forms and sub-flows take their latest version.
    /// References that the store does not have are left out, so the import's validation reports them. Everything is read
    /// before the first file is written. <paramref name="roles"/> are the roles the database declares; the manifest
    /// lists those that the members name, and a role the database lacks is left for the import to report.
    /// </summary>
    /// <exception cref="KeyNotFoundException">The definition or the version is not published.</exception>
    public static async Task<PackageExport> ExportAsync(
        IDefinitionStore store, string kind, string key, int? version, IReadOnlyCollection<RoleDefinition> roles,
        string folder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var root = await DefinitionExporter.FindVersionAsync(store, kind, key, version, cancellationToken)
            .ConfigureAwait(false);
        var members = new Dictionary<(string Kind, string Key), DefinitionVersion> { [(root.Kind, root.Key)] = root };
        await AddReferencesAsync(store, members, cancellationToken).ConfigureAwait(false);

        var manifest = new PackageManifest
        {
            Key = root.Key,
            Name = DefinitionJson.Deserialize<NamedDocument>(root.Json).Name,
            Roles = RolesNamedBy(members.Values, roles),
        };
        var files = new List<(string Path, string Json)>();
        foreach (var member in members.Values.OrderBy(Order).ThenBy(member => member.Key, StringComparer.Ordinal))
        {
            var relative = $"{member.Kind}s/{member.Key}.json";
            (member.Kind switch
            {
                DefinitionKinds.Form => manifest.Forms,
                DefinitionKinds.Flow => manifest.Flows,
                _ => manifest.Views ??= [],
            }).Add(relative);
            files.Add((relative, member.Json));
        }

        files.Insert(0, (DefinitionValidator.ManifestFileName, DefinitionJson.Serialize(manifest)));
        var written = new List<string>();
        foreach (var (relative, json) in files)
        {
            var path = Path.Combine(folder, relative);
            await DefinitionExporter.WriteAsync(path, json, cancellationToken).ConfigureAwait(false);
            written.Add(path);
        }

        return new PackageExport(root, written);
    }

    private static List<RoleDefinition> RolesNamedBy(
        IEnumerable<DefinitionVersion> members, IReadOnlyCollection<RoleDefinition> roles)
    {
        var named = members.SelectMany(member => RoleReferences(JsonNode.Parse(member.Json)))
            .ToHashSet(StringComparer.Ordinal);
        return [.. roles.Where(role => named.Contains(role.Key)).OrderBy(role => role.Key, StringComparer.Ordinal)];
    }

    // Assignee, recipient, overdue and starter rules all have the shape { "type": "role", "value": KEY }.
    private static IEnumerable<string> RoleReferences(JsonNode? node) => node switch
    {
        JsonArray array => array.SelectMany(RoleReferences),
        JsonObject item => item.SelectMany(pair => RoleReferences(pair.Value))
            .Concat(IsRoleRule(item, out var role) ? [role] : []),
        _ => [],
    };

    private static bool IsRoleRule(JsonObject item, out string role)
    {
        role = item["value"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : string.Empty;
        return item["type"] is JsonValue type && type.TryGetValue<string>(out var name) && name == "role"
            && role.Length > 0;
    }

    private static int Order(DefinitionVersion member) => member.Kind switch
    {
        DefinitionKinds.Form => 0,
        DefinitionKinds.Flow => 1,
        _ => 2,
    };

    private static async Task AddReferencesAsync(
        IDefinitionStore store, Dictionary<(string Kind, string Key), DefinitionVersion> members,
        CancellationToken cancellationToken)
    {
        var pending = new Queue<DefinitionVersion>(members.Values);
        while (pending.TryDequeue(out var member))
        {
            int? boundForm = member.Kind == DefinitionKinds.Flow
                ? await store.GetBoundFormVersionAsync(member.Key, member.Version, cancellationToken)
                    .ConfigureAwait(false)
                : null;
            var mainForm = member.Kind == DefinitionKinds.Flow
                ? JsonNode.Parse(member.Json)?["form"]?.GetValue<string>()
                : null;
            foreach (var (kind, key) in References(JsonNode.Parse(member.Json)))
            {
                if (members.ContainsKey((kind, key)))
                {
                    continue;
                }

                var pinned = kind == DefinitionKinds.Form && key == mainForm ? boundForm : null;
                var found = await store.GetVersionAsync(kind, key, pinned, cancellationToken).ConfigureAwait(false);
                if (found is not null)
                {
                    members[(kind, key)] = found;
                    pending.Enqueue(found);
                }
            }
        }
    }

    private static IEnumerable<(string Kind, string Key)> References(JsonNode? node)
    {
        if (node is JsonArray array)
        {
            foreach (var reference in array.SelectMany(References))
            {
                yield return reference;
            }
        }
        else if (node is JsonObject item)
        {
            foreach (var (name, value) in item)
            {
                if (value is JsonValue text && text.TryGetValue<string>(out var key) && key.Length > 0)
                {
                    if (FormReferences.Contains(name))
                    {
                        yield return (DefinitionKinds.Form, key);
                    }
                    else if (name == FlowReference)
                    {
                        yield return (DefinitionKinds.Flow, key);
                    }
                }

                foreach (var reference in References(value))
                {
                    yield return reference;
                }
            }
        }
    }

    private sealed class NamedDocument
    {
        public LocalizedText Name { get; set; } = new();
    }
}
