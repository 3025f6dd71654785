namespace WorkflowKit.Designer.Api;

/// <summary>
/// Gives the 404 of a path under <c>/api</c> that no endpoint has, and the 405 of a method that the path's endpoints do
/// not accept, a problem body in the caller's language. Routing sends both without a body. Other paths keep the
/// status code pages of the app, because this runs under <c>/api</c> only.
/// </summary>
public static class ApiRouteProblems
{
    public static IApplicationBuilder UseApiRouteProblems(this IApplicationBuilder app) =>
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments("/api"),
            api => api.Use(async (context, next) =>
            {
                await next(context);
                if (context.Response.HasStarted)
                {
                    return;
                }

                var method = context.Request.Method;
                var path = context.Request.Path.Value ?? "/api";
                if (context.Response.StatusCode == StatusCodes.Status404NotFound && context.GetEndpoint() is null)
                {
                    await ApiProblem.Create(
                            context, StatusCodes.Status404NotFound, "route-not-found",
                            "There is no API endpoint {0} {1}; check the path, or look up the endpoints in the " +
                            "OpenAPI document at /api/openapi/v1.json.",
                            [method, path])
                        .ExecuteAsync(context);
                }
                else if (context.Response.StatusCode == StatusCodes.Status405MethodNotAllowed)
                {
                    // Routing's 405 endpoint has set the Allow header to the methods of the path's endpoints.
                    var allowed = context.Response.Headers.Allow.ToString();
                    await ApiProblem.Create(
                            context, StatusCodes.Status405MethodNotAllowed, "method-not-allowed",
                            "{1} does not accept {0}; send the request with {2}, as the Allow header lists.",
                            [method, path, allowed],
                            new Dictionary<string, object?> { ["allow"] = allowed.Split(", ") })
                        .ExecuteAsync(context);
                }
            }));
}
