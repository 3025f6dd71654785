using System.Text;
using System.Text.Json;
using WorkflowKit.Definitions.Diagnostics;
using WorkflowKit.Definitions.Documents;
using WorkflowKit.Definitions.Store;
using WorkflowKit.Definitions.Validation;

namespace WorkflowKit.Storage.PostgreSql.Definitions;

/// <summary>
/// The provider-independent rules of the definitions store: what a draft must look like, how a
/// draft is validated against the latest published forms and flows, and the conflict message.
/// They match the SQLite store word for word; the store contract suite runs against both.
/// </summary>
internal static class DefinitionDrafts
{
    public static void CheckJson(string kind, string key, string json)
    {
        using var source = JsonSourceReader.Read($"{kind}:{key} (draft)", Encoding.UTF8.GetBytes(json));
        if (source.Document is null)
        {
            throw new ArgumentException(
                $"The draft of {kind} \"{key}\" is not valid JSON: {source.Diagnostics[0].Message}", nameof(json));
        }

        var root = source.Document.RootElement;
        var isObject = root.ValueKind == JsonValueKind.Object;
        var actualKind = isObject && root.TryGetProperty("kind", out var k) ? k.ToString() : null;
        var actualKey = isObject && root.TryGetProperty("key", out var id) ? id.ToString() : null;
        if (actualKind != kind || actualKey != key)
        {
            throw new ArgumentException(
                $"Expected a draft with \"kind\": \"{kind}\" and \"key\": \"{key}\", got kind \"{actualKind}\" and " +
                $"key \"{actualKey}\". Save it under its own kind and key.", nameof(json));
        }
    }

    /// <summary>
    /// Validates the draft together with the latest published forms and flows, so that its
    /// references are checked; only the draft's own diagnostics are returned.
    /// </summary>
    public static (DefinitionDocument? Document, IReadOnlyList<Diagnostic> Own) ValidateForPublish(
        string label, string draftJson, IReadOnlyList<(string Label, string Content)> others)
    {
        var sources = new List<JsonSource> { JsonSourceReader.Read(label, Encoding.UTF8.GetBytes(draftJson)) };
        sources.AddRange(others.Select(other =>
            JsonSourceReader.Read(other.Label, Encoding.UTF8.GetBytes(other.Content))));

        var report = DefinitionValidator.Validate(sources);
        var own = report.Diagnostics.Where(diagnostic => diagnostic.File == label).ToList();
        var document = report.Documents.FirstOrDefault(candidate => candidate.File == label);
        if (document is not null)
        {
            own.AddRange(FormPublication.Check(document, report.Documents
                .Where(other => other.Kind == DefinitionKinds.Form && other.File != label)
                .Select(other => other.Key)
                .ToHashSet(StringComparer.Ordinal)));
        }

        return (document, own);
    }

    public static ConcurrencyConflictException Conflict(
        string kind, string key, long? baseRevision, (long Revision, string SavedBy, DateTimeOffset SavedAt)? current)
    {
        var based = baseRevision is null or 0 ? "no draft (a new definition)" : $"revision {baseRevision}";
        var actual = current is { } now
            ? $"it is now at revision {now.Revision}, saved by {now.SavedBy} at {now.SavedAt:O}"
            : "the draft no longer exists";
        return new ConcurrencyConflictException(
            $"The draft of {kind} \"{key}\" changed since you loaded it: your save was based on {based}, but " +
            $"{actual}. Reload the draft, reapply your change and save again.")
        {
            Subject = $"{kind} {key} draft",
            ExpectedVersion = baseRevision ?? 0,
            ActualVersion = current?.Revision,
            ChangedBy = current?.SavedBy,
        };
    }
}
