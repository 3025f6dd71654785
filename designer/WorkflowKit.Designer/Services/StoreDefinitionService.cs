using System.Globalization;
using System.Text;
using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Documents;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Definitions.Store;
using WorkflowKit.Definitions.Validation;
using Diagnostic = WorkflowKit.Definitions.Diagnostics.Diagnostic;
using StoreSummary = WorkflowKit.Definitions.Store.DefinitionSummary;

namespace WorkflowKit.Designer.Services;

/// <summary>
/// The designer's view of the definitions store: drafts under optimistic concurrency, publishing
/// through the definitions validator, history, and validation of unsaved documents together with
/// the latest published forms and flows, as publishing does. A published form is registered with
/// the record store at once, so that record nodes and record lists use the new version.
/// </summary>
public sealed class StoreDefinitionService(
    IDefinitionStore store, Records.RecordSetup records, ILogger<StoreDefinitionService> logger)
    : IDefinitionService
{
    private const string DraftLabel = "draft";

    public async Task<IReadOnlyList<DefinitionSummary>> ListAsync(
        DefinitionKind kind, CancellationToken cancellationToken)
    {
        var result = new List<DefinitionSummary>();
        foreach (var item in (await store.ListAsync(cancellationToken)).Where(item => item.Kind == KindName(kind)))
        {
            result.Add(await SummarizeAsync(kind, item, cancellationToken));
        }

        return result;
    }

    public async Task<DefinitionDraft?> GetDraftAsync(
        DefinitionKind kind, string key, CancellationToken cancellationToken)
    {
        var latest = await store.GetVersionAsync(KindName(kind), key, null, cancellationToken);
        var draft = await store.GetDraftAsync(KindName(kind), key, cancellationToken);
        if (draft is not null)
        {
            return new DefinitionDraft(
                kind, key, draft.Json, draft.Revision, draft.SavedBy, draft.SavedAt, latest?.Version);
        }

        // A definition published without a draft (a package import) is edited from its latest
        // version; revision 0 makes the first save create the draft.
        return latest is null
            ? null
            : new DefinitionDraft(kind, key, latest.Json, 0, latest.PublishedBy, latest.PublishedAt, latest.Version);
    }

    public async Task<DefinitionDraft> SaveDraftAsync(
        DefinitionKind kind, string key, string json, long? expectedRevision, string userId,
        CancellationToken cancellationToken)
    {
        var saved = await store.SaveDraftAsync(KindName(kind), key, json, expectedRevision, userId, cancellationToken);
        var latest = await store.GetVersionAsync(KindName(kind), key, null, cancellationToken);
        return new DefinitionDraft(
            kind, key, saved.Json, saved.Revision, saved.SavedBy, saved.SavedAt, latest?.Version);
    }

    public Task<bool> DeleteDraftAsync(DefinitionKind kind, string key, CancellationToken cancellationToken) =>
        store.DeleteDraftAsync(KindName(kind), key, cancellationToken);

    public async Task<PublishResult> PublishAsync(
        DefinitionKind kind, string key, string userId, string? comment, CancellationToken cancellationToken)
    {
        var draft = await GetDraftAsync(kind, key, cancellationToken)
            ?? throw new InvalidInputException(
                kind == DefinitionKind.Flow ? "There is no flow with key '{0}'." : "There is no form with key '{0}'.",
                nameof(key), key);
        if (draft.Revision == 0)
        {
            // Without a draft, as after a package or template import, the latest version is the content. A flow is
            // published again so that it binds its form's latest version. A form has nothing new to publish.
            return kind == DefinitionKind.Flow
                ? await RepublishFlowAsync(key, userId, comment, cancellationToken)
                : new PublishResult(draft.BasedOnVersion, [], Created: false);
        }

        try
        {
            var version = await store.PublishAsync(KindName(kind), key, userId, comment, cancellationToken);
            var created = version.Version != draft.BasedOnVersion;
            if (created)
            {
                DesignerLog.Published(logger, KindName(kind), key, version.Version, userId);
            }

            if (kind == DefinitionKind.Form)
            {
                await records.RegisterAsync(key, cancellationToken);
            }

            return new PublishResult(version.Version, [], created);
        }
        catch (DefinitionValidationException refused)
        {
            return new PublishResult(null, Map(kind, draft.Json, refused.Diagnostics), Created: false);
        }
    }

    public async Task<IReadOnlyList<FlowOnOlderForm>> ListFlowsOnOlderFormAsync(
        string formKey, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(formKey);
        var form = await store.GetVersionAsync(DefinitionKinds.Form, formKey, null, cancellationToken);
        if (form is null)
        {
            return [];
        }

        var result = new List<FlowOnOlderForm>();
        var flows = (await store.ListAsync(cancellationToken))
            .Where(item => item.Kind == DefinitionKinds.Flow && item.LatestVersion is not null)
            .OrderBy(item => item.Key, StringComparer.Ordinal);
        foreach (var item in flows)
        {
            var latest = await store.GetVersionAsync(DefinitionKinds.Flow, item.Key, item.LatestVersion,
                cancellationToken);
            var flow = latest is null ? null : DefinitionJson.Deserialize<FlowDefinition>(latest.Json);
            if (flow?.Form != formKey)
            {
                continue;
            }

            var bound = await store.GetBoundFormVersionAsync(item.Key, latest!.Version, cancellationToken);
            if (bound is { } boundVersion && boundVersion < form.Version)
            {
                result.Add(new FlowOnOlderForm(item.Key, flow.Name, latest.Version, boundVersion, form.Version));
            }
        }

        return result;
    }

    public async Task<PublishResult> RepublishFlowAsync(
        string flowKey, string userId, string? comment, CancellationToken cancellationToken)
    {
        var latest = await store.GetVersionAsync(DefinitionKinds.Flow, flowKey, null, cancellationToken)
            ?? throw new NotFoundException(
                $"Flow '{flowKey}' has no published version to publish again. Publish its draft in the flow designer.");
        try
        {
            var version = await store.RepublishFlowAsync(flowKey, userId, comment, cancellationToken);
            var created = version.Version != latest.Version;
            if (created)
            {
                DesignerLog.Published(logger, DefinitionKinds.Flow, flowKey, version.Version, userId);
            }

            return new PublishResult(version.Version, [], created);
        }
        catch (DefinitionValidationException refused)
        {
            return new PublishResult(null, Map(DefinitionKind.Flow, latest.Json, refused.Diagnostics), Created: false);
        }
    }

    public async Task<IReadOnlyList<DefinitionVersionInfo>> GetHistoryAsync(
        DefinitionKind kind, string key, CancellationToken cancellationToken) =>
        [.. (await store.GetHistoryAsync(KindName(kind), key, cancellationToken)).Select(info =>
            new DefinitionVersionInfo(
                info.Version, info.PublishedBy, info.PublishedAt,
                info.Comment ?? (info.PackageKey is null ? null : "package " + info.PackageKey), info.ContentHash))];

    public async Task<string?> GetVersionJsonAsync(
        DefinitionKind kind, string key, int version, CancellationToken cancellationToken) =>
        (await store.GetVersionAsync(KindName(kind), key, version, cancellationToken))?.Json;

    public async Task<IReadOnlyList<DesignerDiagnostic>> ValidateAsync(
        DefinitionKind kind, string json, CancellationToken cancellationToken)
    {
        var sources = new List<JsonSource> { JsonSourceReader.Read(DraftLabel, Encoding.UTF8.GetBytes(json)) };
        var key = KeyOf(kind, json);
        foreach (var item in await store.ListAsync(cancellationToken))
        {
            if (item.LatestVersion is { } version && item.Kind is DefinitionKinds.Form or DefinitionKinds.Flow
                && !(item.Kind == KindName(kind) && item.Key == key))
            {
                var stored = await store.GetVersionAsync(item.Kind, item.Key, version, cancellationToken);
                sources.Add(JsonSourceReader.Read(
                    string.Create(CultureInfo.InvariantCulture, $"{item.Kind}:{item.Key} v{version}"),
                    Encoding.UTF8.GetBytes(stored!.Json)));
            }
        }

        try
        {
            var report = DefinitionValidator.Validate(sources);
            return Map(kind, json, report.Diagnostics.Where(diagnostic => diagnostic.File == DraftLabel));
        }
        finally
        {
            sources.ForEach(source => source.Dispose());
        }
    }

    public static string KindName(DefinitionKind kind) =>
        kind == DefinitionKind.Flow ? DefinitionKinds.Flow : DefinitionKinds.Form;

    /// <summary>Points each diagnostic at the node, edge or field its JSON pointer names.</summary>
    public static IReadOnlyList<DesignerDiagnostic> Map(
        DefinitionKind kind, string json, IEnumerable<Diagnostic> diagnostics)
    {
        FlowDefinition? flow = null;
        FormDefinition? form = null;
        try
        {
            flow = kind == DefinitionKind.Flow ? DefinitionJson.Deserialize<FlowDefinition>(json) : null;
            form = kind == DefinitionKind.Form ? DefinitionJson.Deserialize<FormDefinition>(json) : null;
        }
        catch (System.Text.Json.JsonException)
        {
            // An unreadable document has diagnostics without a place on the canvas.
        }

        return [.. diagnostics.Select(diagnostic =>
        {
            var segments = diagnostic.Pointer.Split('/', StringSplitOptions.RemoveEmptyEntries);
            var index = segments.Length > 1 && int.TryParse(segments[1], CultureInfo.InvariantCulture, out var i)
                ? i
                : -1;
            var node = segments.FirstOrDefault() == "nodes" ? flow?.Nodes.ElementAtOrDefault(index) : null;
            var edge = segments.FirstOrDefault() == "edges" ? flow?.Edges.ElementAtOrDefault(index) : null;
            var field = segments.FirstOrDefault() == "fields" ? form?.Fields.ElementAtOrDefault(index) : null;
            return new DesignerDiagnostic(
                diagnostic.IsError ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
                diagnostic.Code,
                diagnostic.Message,
                diagnostic.Pointer,
                node?.Id ?? edge?.From,
                edge?.Id,
                field?.Id)
            {
                Arguments = diagnostic.Arguments,
                Cause = diagnostic.Cause,
            };
        })];
    }

    private async Task<DefinitionSummary> SummarizeAsync(
        DefinitionKind kind, StoreSummary item, CancellationToken cancellationToken)
    {
        var draft = item.DraftRevision is null
            ? null
            : await store.GetDraftAsync(item.Kind, item.Key, cancellationToken);
        var latest = await store.GetVersionAsync(item.Kind, item.Key, null, cancellationToken);

        // Publishing keeps the draft row, so that a stale editor's next save still meets its revision and conflicts.
        // A draft whose content is the latest version contains no unpublished change, so lists show no draft for it,
        // whether it was published from the designer or through the API.
        if (draft is not null && latest is not null && IsPublished(kind, draft.Json, latest.Json))
        {
            draft = null;
        }

        var json = draft?.Json ?? latest?.Json;
        return new DefinitionSummary(
            kind, item.Key, NameOf(kind, json) ?? new LocalizedText(item.Name), item.LatestVersion, draft is not null,
            draft?.SavedBy, draft?.SavedAt);
    }

    // Compares in the stored form of a published version, so that spacing and property order do not count.
    private static bool IsPublished(DefinitionKind kind, string draftJson, string publishedJson)
    {
        try
        {
            var canonical = kind == DefinitionKind.Flow
                ? DefinitionJson.Serialize(DefinitionJson.Deserialize<FlowDefinition>(draftJson))
                : DefinitionJson.Serialize(DefinitionJson.Deserialize<FormDefinition>(draftJson));
            return string.Equals(canonical, publishedJson, StringComparison.Ordinal);
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    private static LocalizedText? NameOf(DefinitionKind kind, string? json)
    {
        try
        {
            return json is null ? null
                : kind == DefinitionKind.Flow ? DefinitionJson.Deserialize<FlowDefinition>(json).Name
                : DefinitionJson.Deserialize<FormDefinition>(json).Name;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static string? KeyOf(DefinitionKind kind, string json)
    {
        try
        {
            return kind == DefinitionKind.Flow
                ? DefinitionJson.Deserialize<FlowDefinition>(json).Key
                : DefinitionJson.Deserialize<FormDefinition>(json).Key;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
