using WorkflowKit.Designer.Hosting;
using WorkflowKit.Designer.Services;

namespace WorkflowKit.Designer.Api;

/// <summary>Handlers of <c>/api/incidents</c>, for administrators and process owners.</summary>
internal static class IncidentApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var incidents = api.MapGroup("/incidents").WithTags("Incidents").RequireAuthorization(Policies.Design);
        incidents.MapGet("/", ListAsync)
            .Produces<IReadOnlyList<IncidentSummary>>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        incidents.MapPost("/{id}/retry", RetryAsync)
            .Produces<IncidentRetryResult>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    /// <summary>
    /// Lists incidents, newest first: open ones unless <paramref name="open"/> is false, and only those of
    /// <paramref name="instanceId"/> when it is given (404 when that instance does not exist).
    /// </summary>
    public static async Task<IResult> ListAsync(
        string? instanceId, bool? open, HttpContext context, IIncidentService incidents, CancellationToken ct) =>
        Results.Ok(await incidents.ListAsync(instanceId, open ?? true, ApiEndpoints.Current(context), ct));

    /// <summary>Retries an open incident and returns <see cref="IncidentRetryResult"/>; 409 when it is already resolved.</summary>
    public static async Task<IResult> RetryAsync(
        string id, HttpContext context, IIncidentService incidents, CancellationToken ct) =>
        Results.Ok(await incidents.RetryAsync(id, ApiEndpoints.Current(context), ct));
}
