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
        // Staff get DefinitionApi.StaffSummary items, which leave out updatedBy, updatedAt and hasDraft.
        definitions.MapGet("/", DefinitionApi.ListAsync)
            .Produces<IReadOnlyList<DefinitionSummary>>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        // Drafts, versions and validation are the whole definitions, with scripts, conditions and parameters, so only
        // administrators and process owners read them. Staff start flows through GET /api/startable-flows.
        definitions.MapGet("/{key}/draft", DefinitionApi.GetDraftAsync)
            .RequireAuthorization(Policies.Design)
            .Produces<DefinitionApi.DraftReply>()
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        definitions.MapPut("/{key}/draft", DefinitionApi.SaveDraftAsync)
            .RequireAuthorization(Policies.Design)
            .Produces<DefinitionApi.DraftReply>()
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status409Conflict);
        definitions.MapDelete("/{key}/draft", DefinitionApi.DeleteDraftAsync)
            .RequireAuthorization(Policies.Design)
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        definitions.MapPost("/{key}/publish", DefinitionApi.PublishAsync)
            .RequireAuthorization(Policies.Design)
            .Produces<PublishResult>()
            .Produces<PublishResult>(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status409Conflict);
        definitions.MapGet("/{key}/versions", DefinitionApi.HistoryAsync)
            .RequireAuthorization(Policies.Design)
            .Produces<IReadOnlyList<DefinitionVersionInfo>>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        definitions.MapGet("/{key}/versions/{version:int}", DefinitionApi.GetVersionAsync)
            .RequireAuthorization(Policies.Design)
            .Produces<JsonObject>()
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        definitions.MapPost("/validate", DefinitionApi.ValidateAsync)
            .RequireAuthorization(Policies.Design)
            .Produces<IReadOnlyList<DesignerDiagnostic>>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        api.MapGet("/startable-flows", WorkApi.StartableFlowsAsync)
            .WithTags("Instances")
            .Produces<IReadOnlyList<StartableFlow>>();

        var instances = api.MapGroup("/instances").WithTags("Instances");
        instances.MapPost("/", WorkApi.StartAsync)
            .Produces<InstanceSummary>(StatusCodes.Status201Created)
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        instances.MapGet("/", WorkApi.ListInstancesAsync)
            .Produces<IReadOnlyList<InstanceSummary>>();
        instances.MapGet("/{id}", WorkApi.GetInstanceAsync)
            .Produces<InstanceDetail>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        instances.MapPost("/{id}/withdraw", WorkApi.WithdrawAsync)
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblems(
                StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound,
                StatusCodes.Status409Conflict);
        instances.MapPost("/{id}/cancel", WorkApi.CancelAsync)
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblems(
                StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound,
                StatusCodes.Status409Conflict);

        var notifications = api.MapGroup("/notifications").WithTags("Notifications");
        notifications.MapGet("/", WorkApi.ListNotificationsAsync)
            .Produces<IReadOnlyList<UserNotification>>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        notifications.MapPost("/{id}/read", WorkApi.MarkNotificationReadAsync)
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);

        var tasks = api.MapGroup("/tasks").WithTags("Tasks");
        tasks.MapGet("/", WorkApi.InboxAsync)
            .Produces<IReadOnlyList<WorkTask>>();
        tasks.MapGet("/{id}", WorkApi.GetTaskAsync)
            .Produces<TaskDetail>()
            .ProducesProblems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
        tasks.MapPost("/{id}/actions", WorkApi.ActAsync)
            .ProducesProblems(
                StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound,
                StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        RecordApi.Map(api);
        FileApi.Map(api);
        PackageApi.Map(api);
        IncidentApi.Map(api);
        ScheduleApi.Map(api);
        Delegations.DelegationApi.Map(api);

        api.MapGet("/me", (HttpContext context) => Results.Ok(Current(context)))
            .WithTags("Account")
            .Produces<UserContext>();
        return endpoints;
    }

    internal static UserContext Current(HttpContext context) =>
        UserContext.FromPrincipal(context.User)
        ?? throw new InvalidOperationException("The API group requires an authenticated user.");

    internal static DefinitionKind ParseKind(string kind) => kind switch
    {
        "forms" or "form" => DefinitionKind.Form,
        "flows" or "flow" => DefinitionKind.Flow,
        _ => throw new InvalidInputException(
            "Unknown definition kind '{0}'; expected 'forms' or 'flows'.", nameof(kind), kind),
    };

    /// <summary>A start request: which flow, with which form data. Without <c>data</c> the form starts empty.</summary>
    public sealed record StartRequest(string FlowKey, JsonObject? Data);

    /// <summary>The optional body of a withdrawal: the reason, at most 2,000 characters.</summary>
    public sealed record WithdrawRequest(string? Comment);

    /// <summary>An administrator's cancellation: the required reason, kept in the audit trail.</summary>
    public sealed record CancelRequest(string? Reason);

    /// <summary>A draft save: the document and the revision it was based on.</summary>
    public sealed record SaveDraftRequest(JsonObject Document, long? ExpectedRevision);
}
