using WorkflowKit.Designer.Hosting;
using WorkflowKit.Designer.Services;

namespace WorkflowKit.Designer.Api;

/// <summary>
/// Handlers of <c>/api/definitions/flows/{key}/schedules</c> and <c>/api/definitions/flows/{key}/run</c>, for
/// administrators and process owners.
/// </summary>
internal static class ScheduleApi
{
    /// <summary>Next run times listed per schedule when the caller names no count.</summary>
    public const int DefaultRunCount = 5;

    /// <summary>The maximum number of next run times listed per schedule.</summary>
    public const int MaxRunCount = 50;

    public static void Map(RouteGroupBuilder api)
    {
        var flows = api.MapGroup("/definitions/flows/{key}").WithTags("Definitions")
            .RequireAuthorization(Policies.Design);
        flows.MapGet("/schedules", GetAsync)
            .Produces<FlowScheduleOverview>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        flows.MapPost("/run", RunNowAsync)
            .Produces<InstanceSummary>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    /// <summary>
    /// The flow's schedules with their next <paramref name="runs"/> run times (1 to <see cref="MaxRunCount"/>,
    /// <see cref="DefaultRunCount"/> when absent) and its last scheduled run; 404 when the flow is not published.
    /// </summary>
    public static async Task<IResult> GetAsync(
        string key, int? runs, HttpContext context, IScheduleService schedules, CancellationToken ct)
    {
        if (runs is < 1 or > MaxRunCount)
        {
            return ApiProblem.Create(context, StatusCodes.Status400BadRequest, "bad-request",
                "runs must be 1 to {0}, got {1}; it is the number of next run times per schedule.", [MaxRunCount, runs]);
        }

        return Results.Ok(await schedules.GetAsync(key, runs ?? DefaultRunCount, ApiEndpoints.Current(context), ct));
    }

    /// <summary>
    /// Starts the flow's latest published version now as the caller and returns 201 with the instance; 409 when that
    /// version has no schedule trigger.
    /// </summary>
    public static async Task<IResult> RunNowAsync(
        string key, HttpContext context, IScheduleService schedules, CancellationToken ct)
    {
        var instance = await schedules.RunNowAsync(key, ApiEndpoints.Current(context), ct);
        return Results.Created($"/api/instances/{instance.Id}", instance);
    }
}
