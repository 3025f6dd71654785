using System.Globalization;
using System.Text.Json;
using WorkflowKit.Definitions.Diagnostics;
using WorkflowKit.Definitions.Documents;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Definitions.Packages;

namespace WorkflowKit.Definitions.Validation;

/// <summary>
/// Turns a parsed source into a model object: checks kind and format version, evaluates the
/// schema of the kind, and deserializes. Semantic checks run only on documents that pass the schema.
/// </summary>
internal static class DocumentLoader
{
    public static readonly IReadOnlyList<string> Kinds =
        [FormDefinition.KindName, FlowDefinition.KindName, ViewDefinition.KindName, PackageManifest.KindName];

    public static DefinitionDocument? Load(JsonSource source, List<Diagnostic> diagnostics)
    {
        diagnostics.AddRange(source.Diagnostics);
        if (source.Document is null)
        {
            return null;
        }

        var root = source.Document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            diagnostics.Add(source.At(
                DiagnosticCodes.WrongType, DiagnosticSeverity.Error, string.Empty,
                $"A definition is a JSON object, got {root.ValueKind.ToString().ToLowerInvariant()}. " +
                "Wrap it in { }."));
            return null;
        }

        var kind = ReadKind(source, root, diagnostics);
        if (kind is null || !CheckFormatVersion(source, root, diagnostics))
        {
            return null;
        }

        CheckSchemaReference(source, root, kind, diagnostics);
        var schemaDiagnostics = SchemaChecker.Check(source, kind).ToList();
        diagnostics.AddRange(schemaDiagnostics);
        if (schemaDiagnostics.Count > 0)
        {
            return null;
        }

        try
        {
            object model = kind switch
            {
                FormDefinition.KindName => root.Deserialize<FormDefinition>(DefinitionJson.Options)!,
                FlowDefinition.KindName => root.Deserialize<FlowDefinition>(DefinitionJson.Options)!,
                ViewDefinition.KindName => root.Deserialize<ViewDefinition>(DefinitionJson.Options)!,
                _ => root.Deserialize<PackageManifest>(DefinitionJson.Options)!,
            };
            return new DefinitionDocument(source, kind, model);
        }
        catch (JsonException exception)
        {
            var pointer = exception.Path is { } path ? PathToPointer(path) : string.Empty;
            diagnostics.Add(source.At(
                DiagnosticCodes.ModelUnreadable, DiagnosticSeverity.Error, pointer,
                $"The document matches the schema but cannot be read: {exception.Message} Correct the value."));
            return null;
        }
    }

    private static string? ReadKind(JsonSource source, JsonElement root, List<Diagnostic> diagnostics)
    {
        if (root.TryGetProperty("kind", out var kind) && kind.ValueKind == JsonValueKind.String &&
            Kinds.Contains(kind.GetString()!))
        {
            return kind.GetString();
        }

        var found = root.TryGetProperty("kind", out var value) ? JsonElementPointer.Quote(value) : null;
        diagnostics.Add(source.At(
            DiagnosticCodes.UnknownKind, DiagnosticSeverity.Error, found is null ? string.Empty : "/kind",
            (found is null ? "The document has no \"kind\"" : $"Kind {found} is not a document kind") +
            "; expected \"form\", \"flow\", \"view\" or \"package\". Set \"kind\"."));
        return null;
    }

    private static bool CheckFormatVersion(JsonSource source, JsonElement root, List<Diagnostic> diagnostics)
    {
        if (root.TryGetProperty("formatVersion", out var version) && version.ValueKind == JsonValueKind.Number &&
            version.TryGetInt32(out var number) && number == FormatVersions.Current)
        {
            return true;
        }

        var found = root.TryGetProperty("formatVersion", out var value) ? JsonElementPointer.Quote(value) : null;
        diagnostics.Add(source.At(
            DiagnosticCodes.UnsupportedFormatVersion, DiagnosticSeverity.Error,
                found is null ? string.Empty : "/formatVersion",
            (found is null ? "The document has no \"formatVersion\"" : $"Format version {found} is not supported") +
            string.Create(CultureInfo.InvariantCulture, $"; this build reads version {FormatVersions.Current}. ") +
            $"Set \"formatVersion\": {FormatVersions.Current}, or use a newer WorkflowKit for newer files."));
        return false;
    }

    private static void CheckSchemaReference(JsonSource source, JsonElement root, string kind,
        List<Diagnostic> diagnostics)
    {
        if (!root.TryGetProperty("$schema", out var schema) || schema.ValueKind != JsonValueKind.String)
        {
            return;
        }

        var expected = DefinitionSchemas.FileName(kind);
        var text = schema.GetString()!;
        if (text != expected && !text.EndsWith("/" + expected, StringComparison.Ordinal))
        {
            diagnostics.Add(source.At(
                DiagnosticCodes.SchemaReference, DiagnosticSeverity.Warning, "/$schema",
                $"\"$schema\" is \"{text}\", but a {kind} is checked against {expected}. Point it at the relative " +
                $"path of definitions/schema/{expected} so that editors check the right rules."));
        }
    }

    private static string PathToPointer(string path) =>
        "/" + string.Join('/', path.TrimStart('$').Replace("[", ".", StringComparison.Ordinal)
            .Replace("]", string.Empty, StringComparison.Ordinal).Split('.', StringSplitOptions.RemoveEmptyEntries));
}
