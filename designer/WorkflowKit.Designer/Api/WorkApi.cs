using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using WorkflowKit.Designer.Services;
using WorkflowKit.Runtime;

namespace WorkflowKit.Designer.Api;

/// <summary>Handlers of <c>/api/instances</c>, <c>/api/tasks</c> and <c>/api/notifications</c>.</summary>
internal static class WorkApi
{
    /// <summary>The response header of a paged list that gives the number of items over all pages.</summary>
    public const string TotalCountHeader = "X-Total-Count";

    /// <summary>The request header whose value makes a start happen once, however often the request is sent.</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    private const int MaxIdempotencyKeyLength = 200;

    public static async Task<IResult> StartAsync(
        ApiEndpoints.StartRequest request, HttpContext context, IWorkService work, CancellationToken ct)
    {
        var key = context.Request.Headers[IdempotencyKeyHeader].ToString();
        if (key.Length > MaxIdempotencyKeyLength)
        {
            return ApiProblem.Create(context, StatusCodes.Status400BadRequest, "bad-request",
                "The {0} header is {1} characters long; send at most {2}, such as a GUID.",
                [IdempotencyKeyHeader, key.Length, MaxIdempotencyKeyLength]);
        }

        var instance = await work.StartAsync(
            request.FlowKey, request.Data ?? new JsonObject(), ApiEndpoints.Current(context), key.Length == 0 ? null : key, ct,
            StartChannel.Api);
        return Results.Created($"/api/instances/{instance.Id}", instance);
    }

    /// <summary>
    /// The flows the caller may start, each with its name, version and the form to fill. Staff read these in place of
    /// the flow definitions, which only administrators and process owners read.
    /// </summary>
    public static async Task<IResult> StartableFlowsAsync(HttpContext context, IWorkService work, CancellationToken ct) =>
        Results.Ok(await work.GetStartableFlowsAsync(ApiEndpoints.Current(context), ct));

    public static async Task<IResult> ListInstancesAsync(
        HttpContext context, IWorkService work, CancellationToken ct) =>
        Results.Ok(await work.GetInstancesAsync(ApiEndpoints.Current(context), ct));

    /// <summary>
    /// One instance the caller may read. An instance the caller may not read gets the same 404 reply as one that does
    /// not exist. Callers who may not design flows get an outline of the flow in place of the whole definition.
    /// </summary>
    public static async Task<IResult> GetInstanceAsync(
        string id, HttpContext context, IWorkService work, CancellationToken ct)
    {
        var user = ApiEndpoints.Current(context);
        var instance = await work.GetInstanceAsync(id, user, ct);
        return instance is null
            ? ApiProblem.From(context, StatusCodes.Status404NotFound, NotFoundException.Instance(id))
            : Results.Ok(FlowOutline.ForReader(instance, user));
    }

    /// <summary>
    /// Withdraws the caller's submission: 204. The optional body's <c>comment</c> is the reason, kept in the audit
    /// trail and given to the flow's withdrawal path as <c>vars.withdrawal.comment</c>, as on the instance page.
    /// </summary>
    public static async Task<IResult> WithdrawAsync(
        string id, ApiEndpoints.WithdrawRequest? request, HttpContext context, IWorkService work, CancellationToken ct)
    {
        var comment = string.IsNullOrWhiteSpace(request?.Comment) ? null : request.Comment.Trim();
        await work.WithdrawAsync(id, comment, ApiEndpoints.Current(context), ct);
        return Results.NoContent();
    }

    /// <summary>
    /// Cancels a running instance as an administrator: 204. The body's <c>reason</c> is required and kept in the audit
    /// trail. What ends with the instance (tasks, timers, pending calls, sub-flows) is what the engine's cancel ends.
    /// </summary>
    public static async Task<IResult> CancelAsync(
        string id, ApiEndpoints.CancelRequest? request, HttpContext context, IWorkService work, CancellationToken ct)
    {
        await work.CancelAsync(id, request?.Reason, ApiEndpoints.Current(context), ct);
        return Results.NoContent();
    }

    public static async Task<IResult> InboxAsync(HttpContext context, IWorkService work, CancellationToken ct) =>
        Results.Ok(await work.GetInboxAsync(ApiEndpoints.Current(context), ct));

    public static async Task<IResult> GetTaskAsync(
        string id, HttpContext context, IWorkService work, CancellationToken ct)
    {
        var user = ApiEndpoints.Current(context);
        var task = await work.GetTaskAsync(id, user, ct);
        return task is null
            ? ApiProblem.From(context, StatusCodes.Status404NotFound, NotFoundException.Task(id))
            : Results.Ok(task with { Instance = FlowOutline.ForReader(task.Instance, user) });
    }

    /// <summary>
    /// Acts on a task: 204 without a body, or 200 with <see cref="TaskActionResponse"/> when rows of other owners were
    /// kept as those owners submitted them.
    /// </summary>
    /// <remarks>The typed result puts both success responses, with the 200 body's schema, in the OpenAPI document.</remarks>
    public static async Task<Results<NoContent, Ok<TaskActionResponse>>> ActAsync(
        string id, TaskActionRequest request, HttpContext context, IWorkService work, CancellationToken ct)
    {
        var warnings = await work.ActAsync(id, request, ApiEndpoints.Current(context), ct);
        return warnings.Count == 0 ? TypedResults.NoContent() : TypedResults.Ok(new TaskActionResponse(warnings));
    }

    /// <summary>
    /// One page of the caller's notifications, newest first; only unread ones with <c>unreadOnly=true</c>. It skips
    /// <c>offset</c> notifications (0 when absent) and takes <c>limit</c> (1 to 500, 200 when absent). The body is the
    /// page's list and the <c>X-Total-Count</c> header is how many there are over all pages.
    /// </summary>
    public static async Task<IResult> ListNotificationsAsync(
        HttpContext context, IWorkService work, CancellationToken ct, bool unreadOnly = false, int? offset = null,
        int? limit = null)
    {
        if (ApiPaging.Check(
                context, offset, limit, WorkflowEngine.MaxNotificationPageSize, new("通知", "notifications")) is { } pagingProblem)
        {
            return pagingProblem;
        }

        var page = await work.GetNotificationPageAsync(
            ApiEndpoints.Current(context), unreadOnly, offset ?? 0, limit ?? WorkflowEngine.DefaultNotificationPageSize,
            ct);
        context.Response.Headers[TotalCountHeader] = page.Total.ToString(CultureInfo.InvariantCulture);
        return Results.Ok(page.Items);
    }

    /// <summary>Marks one of the caller's notifications read: 204, or a 404 problem when the caller has none with that id.</summary>
    public static async Task<IResult> MarkNotificationReadAsync(
        string id, HttpContext context, IWorkService work, CancellationToken ct)
    {
        await work.MarkNotificationReadAsync(id, ApiEndpoints.Current(context), ct);
        return Results.NoContent();
    }
}
