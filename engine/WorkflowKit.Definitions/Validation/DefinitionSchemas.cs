using System.Text.Json;
using Json.Schema;

namespace WorkflowKit.Definitions.Validation;

/// <summary>
/// The JSON Schemas of format v1 (the files of <c>definitions/schema/</c>, embedded in this
/// assembly), built once with a private registry so that relative <c>$ref</c>s resolve without
/// any network access.
/// </summary>
public static class DefinitionSchemas
{
    private const string ResourcePrefix = "Schemas/";

    private static readonly Uri BaseUri = new("file:///workflowkit/schema/");

    private static readonly Lazy<Loaded> Schemas = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>File name of the schema of a kind, such as "flow.schema.json".</summary>
    public static string FileName(string kind) => kind + ".schema.json";

    /// <summary>The schema of a document kind: form, flow, view or package.</summary>
    public static JsonSchema For(string kind) =>
        Schemas.Value.ByKind.TryGetValue(kind, out var schema)
            ? schema
            : throw new ArgumentException(
                $"Expected a kind of form, flow, view or package, got '{kind}'.", nameof(kind));

    /// <summary>The raw text of a schema file, such as "flow.schema.json".</summary>
    public static string Text(string fileName) =>
        Schemas.Value.Texts.TryGetValue(fileName, out var text)
            ? text
            : throw new ArgumentException($"No embedded schema named '{fileName}'.", nameof(fileName));

    /// <summary>Names of the embedded schema files.</summary>
    public static IReadOnlyCollection<string> FileNames => [.. Schemas.Value.Texts.Keys];

    /// <summary>
    /// Resolves a schema location reported by an evaluation, such as "file:///…/flow.schema.json#/$defs/node".
    /// </summary>
    internal static JsonElement? Resolve(Uri schemaLocation)
    {
        var fileName = schemaLocation.GetLeftPart(UriPartial.Path)[BaseUri.AbsoluteUri.Length..];
        if (!Schemas.Value.Documents.TryGetValue(fileName, out var document))
        {
            return null;
        }

        var fragment = Uri.UnescapeDataString(schemaLocation.Fragment.TrimStart('#'));
        return Documents.JsonElementPointer.TryResolve(document.RootElement, fragment, out var node) ? node : null;
    }

    private static Loaded Load()
    {
        var assembly = typeof(DefinitionSchemas).Assembly;
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames()
                     .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            texts[resource[ResourcePrefix.Length..]] = reader.ReadToEnd();
        }

        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        var documents = texts.ToDictionary(pair => pair.Key, pair => JsonDocument.Parse(pair.Value),
            StringComparer.Ordinal);

        // The shared file first, so that the kinds' relative $refs find it in the registry.
        JsonSchema.FromText(texts["common.schema.json"], options, new Uri(BaseUri, "common.schema.json"));
        var byKind = new Dictionary<string, JsonSchema>(StringComparer.Ordinal);
        foreach (var kind in new[] { "form", "flow", "view", "package" })
        {
            var fileName = FileName(kind);
            byKind[kind] = JsonSchema.FromText(texts[fileName], options, new Uri(BaseUri, fileName));
        }

        return new Loaded(texts, documents, byKind);
    }

    private sealed record Loaded(
        IReadOnlyDictionary<string, string> Texts,
        IReadOnlyDictionary<string, JsonDocument> Documents,
        IReadOnlyDictionary<string, JsonSchema> ByKind);
}
