using System.Text.Json;
using System.Text.RegularExpressions;
using WorkflowKit.Definitions.Json;

namespace WorkflowKit.Designer.Api;

/// <summary>
/// Turns request binding failures under <c>/api</c> into problem replies in every environment. A body that is not JSON
/// gets a 400 with the line, position and JSON path where reading stopped, and a missing body gets a 400 that reports
/// it as missing. A query value or JSON value of the wrong type gets a 400 with the parameter and the expected kind of
/// value in words, not a .NET type. A body not sent as JSON gets a 415 that names its content type. Other endpoints
/// get the bare status code.
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
                if (context.Response.StatusCode == StatusCodes.Status415UnsupportedMediaType
                    && !context.Response.HasStarted && context.Request.Path.StartsWithSegments("/api"))
                {
                    // Minimal APIs set 415 for a body that is not sent as JSON without throwing, even with
                    // ThrowOnBadRequest on, so the reply gets its problem body here.
                    var sentAs = context.Request.ContentType ?? "no content type";
                    var detail = $"The request body was sent as \"{sentAs}\". Send it as JSON with the header " +
                                 "Content-Type: application/json.";
                    await Results.Problem(detail, statusCode: StatusCodes.Status415UnsupportedMediaType)
                        .ExecuteAsync(context);
                }
            }
            catch (BadHttpRequestException error) when (!context.Response.HasStarted)
            {
                var (detail, extensions) = Describe(error);
                var logger = context.RequestServices.GetRequiredService<ILoggerFactory>()
                    .CreateLogger(typeof(ApiBadRequests));
                BadRequest(logger, context.Request.Method, context.Request.Path, detail);
                if (context.Request.Path.StartsWithSegments("/api"))
                {
                    await Results.Problem(detail, statusCode: error.StatusCode, extensions: extensions)
                        .ExecuteAsync(context);
                }
                else
                {
                    context.Response.StatusCode = error.StatusCode;
                }
            }
        });

    /// <summary>
    /// Words a binding failure. A JSON syntax error also returns <c>line</c> and <c>position</c>, both counted from 1,
    /// and the JSON <c>path</c> of the value being read, as problem extensions.
    /// </summary>
    internal static (string Detail, Dictionary<string, object?>? Extensions) Describe(BadHttpRequestException error)
    {
        if (error.InnerException is JsonException { InnerException: JsonException } syntax)
        {
            // System.Text.Json counts lines and byte positions from 0, and editors count from 1. The position counts
            // bytes, so it equals the column only when the text before it on that line is ASCII.
            var line = syntax.LineNumber + 1;
            var position = syntax.BytePositionInLine + 1;
            var detail = "The request body could not be read as JSON: " + Reason(syntax.Message) +
                         $" The error is at line {line}, position {position} (JSON path {syntax.Path ?? "$"}). " +
                         "Correct the JSON and send the request again.";
            return (detail, new Dictionary<string, object?>
            {
                ["line"] = line,
                ["position"] = position,
                ["path"] = syntax.Path ?? "$",
            });
        }

        if (error.InnerException is JsonException json)
        {
            return ("The request body is not valid: " + ValueTypeWording.Rewrite(json.Message), null);
        }

        if (MissingBody().IsMatch(error.Message))
        {
            return ("The request body is empty or null. Send a JSON object with the request's fields.", null);
        }

        return (ValueTypeWording.Rewrite(error.Message), null);
    }

    /// <summary>Removes the location that System.Text.Json appends, because the reply states it in words.</summary>
    private static string Reason(string message) => JsonLocation().Replace(message, string.Empty).TrimEnd();

    [GeneratedRegex(@"\s*(Path: \S* \| )?LineNumber: \d+ \| BytePositionInLine: \d+\.\s*$")]
    private static partial Regex JsonLocation();

    /// <summary>Matches the minimal API messages for a request without a body or with the JSON literal null.</summary>
    [GeneratedRegex("no body was provided|was not provided from body")]
    private static partial Regex MissingBody();

    [LoggerMessage(5090, LogLevel.Information, "Rejected {Method} {Path}: {Detail}")]
    private static partial void BadRequest(ILogger logger, string method, string path, string detail);
}
