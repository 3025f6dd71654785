using WorkflowKit.Designer.Api;
using WorkflowKit.Runtime.Delegations;

namespace WorkflowKit.Designer.Delegations;

/// <summary>
/// Handlers of <c>/api/delegations</c>: every user lists, creates and ends their own delegations; administrators
/// list everybody's with <c>all=true</c> and create or end them on a user's behalf.
/// </summary>
internal static class DelegationApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var delegations = api.MapGroup("/delegations").WithTags("Delegations");
        delegations.MapGet("/", ListAsync)
            .Produces<IReadOnlyList<DelegationView>>()
            .ProducesProblem(StatusCodes.Status403Forbidden);
        delegations.MapPost("/", CreateAsync)
            .Produces<DelegationView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);
        delegations.MapPost("/{id}/end", EndAsync)
            .Produces<DelegationView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    /// <summary>The HTTP status of a rejected delegation request.</summary>
    public static int StatusOf(DelegationError error) => error switch
    {
        DelegationError.NotFound => StatusCodes.Status404NotFound,
        DelegationError.NotPermitted => StatusCodes.Status403Forbidden,
        DelegationError.Overlaps or DelegationError.AlreadyEnded => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status400BadRequest,
    };

    /// <summary>Lists the caller's delegations, or with <paramref name="all"/> every user's (administrators only).</summary>
    public static async Task<IResult> ListAsync(
        bool? all, HttpContext context, DelegationPortal portal, CancellationToken ct)
    {
        var user = ApiEndpoints.Current(context);
        return Results.Ok(all == true
            ? await portal.ListAllAsync(user, ct)
            : await portal.ListOwnAsync(user, ct));
    }

    /// <summary>Creates a delegation and returns 201 with it.</summary>
    public static async Task<IResult> CreateAsync(
        DelegationInput input, HttpContext context, DelegationPortal portal, CancellationToken ct)
    {
        var created = await portal.CreateAsync(ApiEndpoints.Current(context), input, ct);
        return Results.Created($"/api/delegations/{created.Id}", created);
    }

    /// <summary>Ends a delegation now and returns it.</summary>
    public static async Task<IResult> EndAsync(
        string id, HttpContext context, DelegationPortal portal, CancellationToken ct) =>
        Results.Ok(await portal.EndAsync(ApiEndpoints.Current(context), id, ct));
}
