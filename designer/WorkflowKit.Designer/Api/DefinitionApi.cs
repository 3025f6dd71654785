using System.Text.Json.Nodes;
using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Designer.Records;
using WorkflowKit.Designer.Services;

namespace WorkflowKit.Designer.Api;

/// <summary>Handlers of <c>/api/definitions/{kind}</c>.</summary>
internal static class DefinitionApi
{
    /// <summary>
    /// Lists the definitions of one kind. Administrators and process owners get every definition with its draft and
    /// edit fields. Other users get the flows they may start, and the forms of those flows and the forms whose records
    /// they may read, as <see cref="StaffSummary"/> items without the user name of the last editor or draft state.
    /// </summary>
    public static async Task<IResult> ListAsync(
        string kind, HttpContext context, IDefinitionService definitions, IWorkService work, RecordService records,
        CancellationToken ct)
    {
        var parsed = ApiEndpoints.ParseKind(kind);
        var user = ApiEndpoints.Current(context);
        var all = await definitions.ListAsync(parsed, ct);
        if (user.CanDesign)
        {
            return Results.Ok(all);
        }

        var startable = await work.GetStartableFlowsAsync(user, ct);
        var visible = new HashSet<string>(StringComparer.Ordinal);
        if (parsed == DefinitionKind.Flow)
        {
            visible.UnionWith(startable.Select(flow => flow.FlowKey));
        }
        else
        {
            visible.UnionWith(startable.Select(flow => flow.FormKey));
            visible.UnionWith((await records.ListFormsAsync(user, ct)).Select(form => form.Key));
        }

        return Results.Ok(all.Where(summary => visible.Contains(summary.Key)).Select(StaffSummary.Of).ToList());
    }

    /// <summary>A definition as staff see it in a list: what it is and which version runs.</summary>
    public sealed record StaffSummary(DefinitionKind Kind, string Key, LocalizedText Name, int? PublishedVersion)
    {
        public static StaffSummary Of(DefinitionSummary summary) =>
            new(summary.Kind, summary.Key, summary.Name, summary.PublishedVersion);
    }

    public static async Task<IResult> GetDraftAsync(
        string kind, string key, HttpContext context, IDefinitionService definitions, CancellationToken ct)
    {
        var draft = await definitions.GetDraftAsync(ApiEndpoints.ParseKind(kind), key, ct);
        return draft is null
            ? ApiProblem.Create(context, StatusCodes.Status404NotFound, "not-found",
                "There is no {0} with key '{1}'; check the key, or list the keys with GET /api/definitions/{2}.",
                [KindName(kind), key, kind])
            : Results.Ok(ToDto(draft));
    }

    public static async Task<IResult> SaveDraftAsync(
        string kind, string key, ApiEndpoints.SaveDraftRequest request, HttpContext context,
        IDefinitionService definitions, CancellationToken ct)
    {
        var user = ApiEndpoints.Current(context);
        if (request.Document is null)
        {
            throw InvalidInputException.MissingProperty(
                "$.document",
                "The document is missing; send the {0} definition as document, with expectedRevision from the draft you edited.",
                KindName(kind));
        }

        var draft = await definitions.SaveDraftAsync(
            ApiEndpoints.ParseKind(kind), key, request.Document.ToJsonString(DefinitionJson.Options),
            request.ExpectedRevision, user.Id, ct);
        return Results.Ok(ToDto(draft));
    }

    public static async Task<IResult> DeleteDraftAsync(
        string kind, string key, HttpContext context, IDefinitionService definitions, CancellationToken ct) =>
        await definitions.DeleteDraftAsync(ApiEndpoints.ParseKind(kind), key, ct)
            ? Results.NoContent()
            : ApiProblem.Create(context, StatusCodes.Status404NotFound, "not-found",
                "There is no draft of {0} \"{1}\" to delete.", [KindName(kind), key]);

    public static async Task<IResult> PublishAsync(
        string kind, string key, HttpContext context, IDefinitionService definitions, CancellationToken ct)
    {
        var user = ApiEndpoints.Current(context);
        var result = await definitions.PublishAsync(ApiEndpoints.ParseKind(kind), key, user.Id, null, ct);
        return result.Published
            ? Results.Ok(result)
            : Results.UnprocessableEntity(result);
    }

    public static async Task<IResult> HistoryAsync(
        string kind, string key, IDefinitionService definitions, CancellationToken ct) =>
        Results.Ok(await definitions.GetHistoryAsync(ApiEndpoints.ParseKind(kind), key, ct));

    public static async Task<IResult> GetVersionAsync(
        string kind, string key, int version, HttpContext context, IDefinitionService definitions, CancellationToken ct)
    {
        var json = await definitions.GetVersionJsonAsync(ApiEndpoints.ParseKind(kind), key, version, ct);
        return json is null
            ? ApiProblem.Create(context, StatusCodes.Status404NotFound, "not-found",
                "The {0} '{1}' has no published version {2}; list its versions with GET /api/definitions/{3}/{1}/versions.",
                [KindName(kind), key, version, kind])
            : Results.Text(json, "application/json");
    }

    public static async Task<IResult> ValidateAsync(
        string kind, JsonObject document, IDefinitionService definitions, CancellationToken ct) =>
        Results.Ok(await definitions.ValidateAsync(
            ApiEndpoints.ParseKind(kind), document.ToJsonString(DefinitionJson.Options), ct));

    private static LocalizedText KindName(string kind) =>
        ApiEndpoints.ParseKind(kind) == DefinitionKind.Form ? new("表单", "form") : new("流程", "flow");

    private static DraftReply ToDto(DefinitionDraft draft) => new(
        draft.Key,
        draft.Kind.ToString().ToLowerInvariant(),
        draft.Revision,
        draft.UpdatedBy,
        draft.UpdatedAt,
        draft.BasedOnVersion,
        JsonNode.Parse(draft.Json));

    /// <summary>A draft as the API returns it: its document as JSON, and the revision to send with the next save.</summary>
    public sealed record DraftReply(
        string Key,
        string Kind,
        long Revision,
        string UpdatedBy,
        DateTimeOffset UpdatedAt,
        int? BasedOnVersion,
        JsonNode? Document);
}
