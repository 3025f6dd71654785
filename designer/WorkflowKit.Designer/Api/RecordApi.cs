using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Conditions;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Definitions.Packages;
using WorkflowKit.Designer.Dashboards;
using WorkflowKit.Designer.Records;
using WorkflowKit.Records;

namespace WorkflowKit.Designer.Api;

/// <summary>
/// Handlers of <c>/api/records</c> and <c>/api/dashboards</c>. Every read goes through
/// <see cref="RecordService"/> and so through the one permission filter: rows outside the
/// caller's rules are absent and hidden fields are never sent.
/// </summary>
internal static class RecordApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var records = api.MapGroup("/records").WithTags("Records");
        records.MapGet("/", ListFormsAsync)
            .Produces<IReadOnlyList<RecordFormReply>>();
        // An unknown form key gets a 404 that names the form, as a record id that does not exist does.
        records.MapGet("/{form}", ListAsync)
            .Produces<RecordListReply>()
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
        records.MapGet("/{form}/views", ViewsAsync)
            .Produces<IReadOnlyList<RecordView>>()
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        records.MapGet("/{form}/export", ExportAsync)
            .Produces(StatusCodes.Status200OK, typeof(byte[]), "text/csv",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
        records.MapGet("/{form}/{id:long}", GetAsync)
            .Produces<RecordEntry>()
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        records.MapPut("/{form}/{id:long}", UpdateAsync)
            .Produces<RecordEntry>()
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden,
                StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
        records.MapGet("/{form}/{id:long}/history", HistoryAsync)
            .Produces<IReadOnlyList<RecordAuditEntry>>()
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);

        api.MapGet("/dashboards", DashboardsAsync)
            .WithTags("Dashboards")
            .Produces<DashboardsReply>();
    }

    /// <summary>
    /// An edit of a record: the <c>version</c> it was made on, as a GET of the record returned it, and the fields to
    /// change. Fields that <c>data</c> leaves out keep their values; a field set to null is cleared.
    /// </summary>
    public sealed record RecordUpdateRequest(long? ExpectedVersion, JsonObject? Data);

    /// <summary>A form whose records the API lists.</summary>
    public sealed record RecordFormReply(string Key, LocalizedText Name);

    /// <summary>One page of records and how many match over all pages.</summary>
    public sealed record RecordListReply(long Total, IReadOnlyList<RecordEntry> Items);

    /// <summary>The four charts of the dashboards page, each a list of labelled values.</summary>
    public sealed record DashboardsReply(
        IReadOnlyList<ChartPoint> ReceivablesOverdueByRegion,
        IReadOnlyList<ChartPoint> StockByExpiryWindow,
        IReadOnlyList<ChartPoint> OrderCycleDaysByRegion,
        IReadOnlyList<ChartPoint> TasksOverdueByNode);

    private static async Task<IResult> ListFormsAsync(HttpContext context, RecordService records, CancellationToken ct) =>
        Results.Ok((await records.ListFormsAsync(ApiEndpoints.Current(context), ct))
            .Select(form => new RecordFormReply(form.Key, form.Name)));

    /// <param name="form">The form key.</param>
    /// <param name="filter">A condition as JSON: <c>{"any":[{"all":[{"field":"region","operator":"eq","value":"east"}]}]}</c>.</param>
    /// <param name="sort">Comma-separated field ids; a leading '-' sorts that field descending.</param>
    /// <param name="offset">Records to skip, 0 or more.</param>
    /// <param name="after">
    /// The id of the previous page's last record: the page continues after it, newest first, at the cost of a first
    /// page however deep it is. Only without <paramref name="sort"/>.
    /// </param>
    /// <param name="limit">Records per page, 1 to 500; 50 when absent. A value outside that range gets a 400 reply.</param>
    /// <param name="context">The request.</param>
    /// <param name="records">The record service.</param>
    /// <param name="ct">Cancels the read.</param>
    private static async Task<IResult> ListAsync(
        string form, string? filter, string? sort, int? offset, long? after, int? limit, HttpContext context,
        RecordService records, CancellationToken ct)
    {
        if (ApiPaging.Check(
                context, offset, limit, RecordService.MaxPageSize, new("记录", "records"),
                new("请用 offset 或 after 翻页读取更多。", " Page through more with offset or after."))
            is { } pagingProblem)
        {
            return pagingProblem;
        }

        if (after is < 1)
        {
            return ApiProblem.Create(context, StatusCodes.Status400BadRequest, "bad-request",
                "The after parameter must be a record id, 1 or more, got {0}; send the id of the previous page's last record.",
                [after]);
        }

        var page = await records.ListAsync(
            ApiEndpoints.Current(context), form, ParseFilter(filter), ParseSort(sort), offset ?? 0,
            limit ?? RecordService.DefaultPageSize, ct, afterId: after);
        return Results.Ok(new RecordListReply(page.Total, page.Items));
    }

    private static async Task<IResult> GetAsync(
        string form, long id, HttpContext context, RecordService records, CancellationToken ct)
    {
        var record = await records.GetAsync(ApiEndpoints.Current(context), form, id, ct);
        return record is null ? RecordNotFound(context, form, id) : Results.Ok(record);
    }

    /// <summary>
    /// The 404 reply for a record that does not exist or that the caller may not read. Both get the same text, so that
    /// it does not confirm the id.
    /// </summary>
    private static IResult RecordNotFound(HttpContext context, string form, long id) => ApiProblem.Create(
        context, StatusCodes.Status404NotFound, "not-found",
        "Form '{0}' has no record {1} that you may read; check the id, or list the records with GET /api/records/{0}.",
        [form, id]);

    /// <summary>
    /// Edits a record with the form's validation and returns it as stored: 200. The caller needs an <c>update</c>
    /// permission rule that admits the record (403 otherwise), and an edit made on an older version than the stored one
    /// gets a 409 <c>record-changed</c> reply that names who changed the record and when.
    /// </summary>
    private static async Task<IResult> UpdateAsync(
        string form, long id, RecordUpdateRequest? request, HttpContext context, RecordEditor editor,
        RecordService records, CancellationToken ct)
    {
        if (request?.ExpectedVersion is not { } expected)
        {
            return ApiProblem.Create(context, StatusCodes.Status400BadRequest, "expected-version-missing",
                ExpectedVersionMissingText, [form, id]);
        }

        var user = ApiEndpoints.Current(context);
        await editor.UpdateAsync(user, form, id, request.Data ?? new JsonObject(), expected, ct);
        var stored = await records.GetAsync(user, form, id, ct);
        return stored is null ? RecordNotFound(context, form, id) : Results.Ok(stored);
    }

    /// <summary>The English text of the reply to an edit without <c>expectedVersion</c>.</summary>
    internal const string ExpectedVersionMissingText =
        "The body has no expectedVersion; send the version of record {1} that GET /api/records/{0}/{1} returned, " +
        "so that an edit of a record someone changed meanwhile is refused instead of overwriting their change.";

    private static async Task<IResult> HistoryAsync(
        string form, long id, HttpContext context, RecordService records, CancellationToken ct)
    {
        var user = ApiEndpoints.Current(context);
        if (await records.GetAsync(user, form, id, ct) is null)
        {
            return RecordNotFound(context, form, id);
        }

        return Results.Ok(await records.GetHistoryAsync(user, form, id, ct));
    }

    private static async Task<IResult> ViewsAsync(
        string form, HttpContext context, RecordService records, CancellationToken ct) =>
        Results.Ok(await records.GetViewsAsync(ApiEndpoints.Current(context), form, ct));

    private static async Task ExportAsync(
        string form, string? format, string? filter, HttpContext context, RecordService records, CancellationToken ct)
    {
        var user = ApiEndpoints.Current(context);
        var kind = format?.ToLowerInvariant() switch
        {
            null or "" or "csv" => RecordExportFormat.Csv,
            "xlsx" => RecordExportFormat.Xlsx,
            _ => throw new Services.InvalidInputException(
                "Unknown export format '{0}'; expected 'csv' or 'xlsx'.", nameof(format), format),
        };
        var condition = ParseFilter(filter);
        if (!await records.CanExportAsync(user, form, ct))
        {
            throw Services.AccessDeniedException.ExportNotAllowed(user.Id, form);
        }

        // The rows stream into a buffer first, so that a failure part-way returns an error instead of a cut file.
        using var buffer = new MemoryStream();
        await records.ExportAsync(user, form, kind, condition, buffer, ct);
        var extension = kind == RecordExportFormat.Xlsx ? "xlsx" : "csv";
        context.Response.ContentType = kind == RecordExportFormat.Xlsx
            ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            : "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{form}.{extension}\"";
        buffer.Position = 0;
        await buffer.CopyToAsync(context.Response.Body, ct);
    }

    private static async Task<IResult> DashboardsAsync(
        HttpContext context, DashboardService dashboards, CancellationToken ct)
    {
        var user = ApiEndpoints.Current(context);
        return Results.Ok(new DashboardsReply(
            await dashboards.ReceivablesOverdueByRegionAsync(user, user.Culture, ct),
            await dashboards.StockByExpiryWindowAsync(user, ct),
            await dashboards.OrderCycleDaysByRegionAsync(user, user.Culture, ct),
            await dashboards.TasksOverdueByNodeAsync(user, user.Culture, ct)));
    }

    /// <summary>Reads the JSON condition of the <c>filter</c> query parameter.</summary>
    /// <exception cref="JsonException">The parameter is not valid JSON or not a condition, in plain words.</exception>
    internal static Condition? ParseFilter(string? filter)
    {
        if (string.IsNullOrWhiteSpace(filter))
        {
            return null;
        }

        try
        {
            return DefinitionJson.Deserialize<Condition>(filter);
        }
        catch (JsonException error)
        {
            var description = JsonErrorDescriber.Describe(error, "the filter parameter", filter);
            throw new JsonException(description.Message, error);
        }
    }

    internal static IReadOnlyList<SortOrder> ParseSort(string? sort) =>
        string.IsNullOrWhiteSpace(sort)
            ? []
            : [.. sort.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(part => new SortOrder { Field = part.TrimStart('-'), Descending = part.StartsWith('-') })];
}
