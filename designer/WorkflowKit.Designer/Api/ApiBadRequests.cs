using System.Text.Json;
using WorkflowKit.Definitions.Json;

namespace WorkflowKit.Designer.Api;

/// <summary>
/// Turns request binding failures under <c>/api</c> (a query value or JSON body of the wrong type) into 400 problem
/// replies that name the parameter and the expected kind of value in words, not a .NET type. Other endpoints get the
/// bare 400.
/// </summary>
/// <remarks>
/// Minimal APIs throw these failures as <see cref="BadHttpRequestException"/> only when
/// <see cref="Microsoft.AspNetCore.Routing.RouteHandlerOptions.ThrowOnBadRequest"/> is on, which
/// <see cref="ApiBadRequests.AddApiBadRequests"/> sets. Otherwise they reply 400 with an empty body.
/// </remarks>
public static partial class ApiBadRequests
{
    public static IServiceCollection AddApiBadRequests(this IServiceCollection services) =>
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);

    /// <summary>
    /// Replies to binding failures: a problem reply under <c>/api</c>, and the bare status code elsewhere, which is
    /// what minimal APIs return when they do not throw.
    /// </summary>
    public static IApplicationBuilder UseApiBadRequests(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (BadHttpRequestException error) when (!context.Response.HasStarted)
            {
                var detail = error.InnerException is JsonException json
                    ? "The request body is not valid: " + ValueTypeWording.Rewrite(json.Message)
                    : ValueTypeWording.Rewrite(error.Message);
                var logger = context.RequestServices.GetRequiredService<ILoggerFactory>()
                    .CreateLogger(typeof(ApiBadRequests));
                BadRequest(logger, context.Request.Method, context.Request.Path, detail);
                if (context.Request.Path.StartsWithSegments("/api"))
                {
                    await Results.Problem(detail, statusCode: error.StatusCode).ExecuteAsync(context);
                }
                else
                {
                    context.Response.StatusCode = error.StatusCode;
                }
            }
        });

    [LoggerMessage(5090, LogLevel.Information, "Rejected {Method} {Path}: {Detail}")]
    private static partial void BadRequest(ILogger logger, string method, string path, string detail);
}
