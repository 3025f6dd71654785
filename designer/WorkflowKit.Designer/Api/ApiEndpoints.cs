using System.Text.Json.Nodes;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Designer.Hosting;
using WorkflowKit.Designer.Services;

namespace WorkflowKit.Designer.Api;

/// <summary>
/// The REST API under <c>/api</c>. It calls the same services as the UI, so validation and
/// permission checks are shared; callers authenticate with X-Api-Key or the sign-in cookie.
/// </summary>
public static class ApiEndpoints
{
    public static IEndpointRouteBuilder MapWorkflowKitApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").RequireAuthorization().AddEndpointFilter<ApiErrorFilter>();

        var definitions = api.MapGroup("/definitions/{kind}").WithTags("Definitions");
        definitions.MapGet("/", DefinitionApi.ListAsync);
        definitions.MapGet("/{key}/draft", DefinitionApi.GetDraftAsync).RequireAuthorization(Policies.Design);
        definitions.MapPut("/{key}/draft", DefinitionApi.SaveDraftAsync).RequireAuthorization(Policies.Design);
        definitions.MapDelete("/{key}/draft", DefinitionApi.DeleteDraftAsync).RequireAuthorization(Policies.Design);
        definitions.MapPost("/{key}/publish", DefinitionApi.PublishAsync).RequireAuthorization(Policies.Design);
        definitions.MapGet("/{key}/versions", DefinitionApi.HistoryAsync);
        definitions.MapGet("/{key}/versions/{version:int}", DefinitionApi.GetVersionAsync);
        definitions.MapPost("/validate", DefinitionApi.ValidateAsync).RequireAuthorization(Policies.Design);

        var instances = api.MapGroup("/instances").WithTags("Instances");
        instances.MapPost("/", WorkApi.StartAsync)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        instances.MapGet("/", WorkApi.ListInstancesAsync);
        instances.MapGet("/{id}", WorkApi.GetInstanceAsync);
        instances.MapPost("/{id}/withdraw", WorkApi.WithdrawAsync);

        var notifications = api.MapGroup("/notifications").WithTags("Notifications");
        notifications.MapGet("/", WorkApi.ListNotificationsAsync)
            .Produces<IReadOnlyList<UserNotification>>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        notifications.MapPost("/{id}/read", WorkApi.MarkNotificationReadAsync)
            .ProducesProblem(StatusCodes.Status404NotFound);

        var tasks = api.MapGroup("/tasks").WithTags("Tasks");
        tasks.MapGet("/", WorkApi.InboxAsync);
        tasks.MapGet("/{id}", WorkApi.GetTaskAsync);
        tasks.MapPost("/{id}/actions", WorkApi.ActAsync)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        RecordApi.Map(api);
        FileApi.Map(api);
        IncidentApi.Map(api);
        ScheduleApi.Map(api);
        Delegations.DelegationApi.Map(api);

        api.MapGet("/me", (HttpContext context) => Results.Ok(Current(context))).WithTags("Account");
        return endpoints;
    }

    internal static UserContext Current(HttpContext context) =>
        UserContext.FromPrincipal(context.User)
        ?? throw new InvalidOperationException("The API group requires an authenticated user.");

    internal static DefinitionKind ParseKind(string kind) => kind switch
    {
        "forms" or "form" => DefinitionKind.Form,
        "flows" or "flow" => DefinitionKind.Flow,
        _ => throw new ArgumentException(
            $"Unknown definition kind '{kind}'; expected 'forms' or 'flows'.", nameof(kind)),
    };

    /// <summary>A start request: which flow, with which form data.</summary>
    public sealed record StartRequest(string FlowKey, JsonObject Data);

    /// <summary>A draft save: the document and the revision it was based on.</summary>
    public sealed record SaveDraftRequest(JsonObject Document, long? ExpectedRevision);
}
