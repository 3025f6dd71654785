using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;
using WorkflowKit.Designer.Api;

namespace WorkflowKit.Designer.Hosting;

/// <summary>
/// Handles an exception that no endpoint caught, outside development. It logs the exception once with a reference id
/// and replies to a request under <c>/api</c> with a 500 problem (<see cref="ApiServerError"/>). A page request goes on
/// to the error page at <c>/error</c>, which shows the same reference id in the user's language.
/// </summary>
public sealed partial class UnhandledErrorHandler(ILogger<UnhandledErrorHandler> logger) : IExceptionHandler
{
    private const string ReferenceKey = "WorkflowKit.UnhandledErrorReference";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        // The trace id ties the line to the request's other log lines; a request without an activity gets a new id.
        var reference = Activity.Current?.TraceId.ToHexString() ?? Guid.NewGuid().ToString("N");
        httpContext.Items[ReferenceKey] = reference;

        // The middleware has already set the request path to /error, so the failed request's path is in the feature.
        var path = new PathString(
            httpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? httpContext.Request.Path.Value);
        Failed(logger, exception, reference, httpContext.Request.Method, path.Value ?? "/");
        if (!path.StartsWithSegments("/api"))
        {
            return false;
        }

        await ApiServerError.WriteAsync(httpContext, path, reference);
        return true;
    }

    /// <summary>Returns the reference id of the request's unhandled exception, or null when the request had none.</summary>
    public static string? ReferenceOf(HttpContext? context) => context?.Items[ReferenceKey] as string;

    [LoggerMessage(EventId = 5040, Level = LogLevel.Error,
        Message = "Unhandled exception with reference id {ReferenceId} on {Method} {Path}")]
    private static partial void Failed(ILogger logger, Exception exception, string referenceId, string method, string path);
}
