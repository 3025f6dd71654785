using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;

namespace WorkflowKit.Designer.Api;

/// <summary>
/// The 500 reply under <c>/api</c> outside development: a problem body that API callers can read, in place of the
/// HTML error page that people get. The exception itself is logged by the exception handler middleware.
/// </summary>
internal static class ApiServerError
{
    /// <summary>Writes the problem reply for the exception that the exception handler caught.</summary>
    public static Task WriteAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var traceId = Activity.Current?.Id ?? context.TraceIdentifier;
        var failure = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        return Results.Problem(
            $"The server failed while handling {context.Request.Method} {context.Request.Path} " +
            $"({failure?.GetType().Name ?? "unknown error"}). The error is logged with trace id {traceId}. Retry the " +
            "request; if it fails again, give the trace id to an administrator.",
            statusCode: StatusCodes.Status500InternalServerError,
            extensions: new Dictionary<string, object?> { ["traceId"] = traceId }).ExecuteAsync(context);
    }
}
