using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Designer.Localization;

namespace WorkflowKit.Designer.Api;

/// <summary>
/// Turns request binding failures under <c>/api</c> into problem replies in every environment. A body that is not JSON
/// gets a 400 from <see cref="JsonErrorDescriber"/> that names the problem, its line, position and JSON path, and the
/// fix, and a missing body gets a 400 that reports it as missing. A query value or JSON value of the wrong type gets a
/// 400 with the parameter or JSON path and the expected kind of value in words, not a .NET type. A body not sent as JSON gets a 415 that names its content type
/// or the missing Content-Type header. Other endpoints get the bare status code.
/// </summary>
/// <remarks>
/// Minimal APIs throw these failures as <see cref="BadHttpRequestException"/> only when
/// <see cref="Microsoft.AspNetCore.Routing.RouteHandlerOptions.ThrowOnBadRequest"/> is on, which
/// <see cref="ApiBadRequests.AddApiBadRequests"/> sets. Otherwise they reply 400 with an empty body.
/// </remarks>
public static partial class ApiBadRequests
{
    /// <summary>The English detail of a 415 reply to a JSON endpoint without a Content-Type header.</summary>
    internal const string NoContentTypeJson =
        "The request has no Content-Type header. Send the body as JSON with the header Content-Type: application/json.";

    /// <summary>The English detail of a 415 reply to a JSON endpoint; {0} is the content type sent.</summary>
    internal const string WrongContentTypeJson =
        "The request body was sent as \"{0}\". Send it as JSON with the header Content-Type: application/json.";

    /// <summary>The English detail of a 415 reply without a Content-Type header; {0} is the accepted media type.</summary>
    internal const string NoContentType =
        "The request has no Content-Type header. Send the body as {0} with the header Content-Type: {0}.";

    /// <summary>The English detail of a 415 reply; {0} is the content type sent and {1} the accepted media type.</summary>
    internal const string WrongContentType =
        "The request body was sent as \"{0}\". Send it as {1} with the header Content-Type: {1}.";

    /// <summary>
    /// The largest body, in bytes, whose syntax error is described from its characters. A larger one is described from
    /// the reader's message, so that one bad request never makes the server hold a large copy as text.
    /// </summary>
    private const long MaxDescribedBodyBytes = 1024 * 1024;

    public static IServiceCollection AddApiBadRequests(this IServiceCollection services)
    {
        // A misspelt property (data instead of changes) would otherwise be dropped without a word.
        services.ConfigureHttpJsonOptions(options =>
            options.SerializerOptions.UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow);
        return services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
    }

    /// <summary>
    /// Replies to binding failures: a problem reply under <c>/api</c>, and the bare status code elsewhere, which is
    /// what minimal APIs return when they do not throw.
    /// </summary>
    public static IApplicationBuilder UseApiBadRequests(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/api") && context.Request.HasJsonContentType())
            {
                // Kept so that a syntax error can be described from the body's characters after binding read it.
                context.Request.EnableBuffering();
            }

            try
            {
                await next(context);
                if (context.Response.StatusCode == StatusCodes.Status415UnsupportedMediaType
                    && !context.Response.HasStarted && context.Request.Path.StartsWithSegments("/api"))
                {
                    // Minimal APIs set 415 for a body sent with another content type, such as text/plain, without
                    // throwing, even with ThrowOnBadRequest on, so the reply gets its problem body here. A request
                    // without a Content-Type header throws instead, and Describe words it.
                    await Results.Problem(
                            UnsupportedMediaType(context),
                            statusCode: StatusCodes.Status415UnsupportedMediaType)
                        .ExecuteAsync(context);
                }
            }
            catch (BadHttpRequestException error) when (!context.Response.HasStarted)
            {
                var body = await ReadBufferedBodyAsync(context.Request);
                var (detail, extensions) = Describe(error, context, body);
                var logger = context.RequestServices.GetRequiredService<ILoggerFactory>()
                    .CreateLogger(typeof(ApiBadRequests));
                BadRequest(logger, context.Request.Method, context.Request.Path, detail);
                if (context.Request.Path.StartsWithSegments("/api"))
                {
                    extensions ??= [];
                    extensions[ApiProblem.CodeKey] = CodeOf(error);
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
    /// Words a binding failure. A JSON syntax error or a JSON value of the wrong type also returns <c>line</c> and
    /// <c>position</c>, both counted from 1, and the JSON <c>path</c> of the value, as problem extensions. The
    /// position of a syntax error counts characters when <paramref name="body"/> is given and UTF-8 bytes otherwise.
    /// </summary>
    internal static (string Detail, Dictionary<string, object?>? Extensions) Describe(
        BadHttpRequestException error, HttpContext context, string? body = null)
    {
        if (error.StatusCode == StatusCodes.Status415UnsupportedMediaType)
        {
            return (UnsupportedMediaType(context), null);
        }

        var text = RequestLanguage.TextOf(context);
        if (error.InnerException is JsonException { InnerException: JsonException } syntax)
        {
            var description = JsonErrorDescriber.Describe(
                syntax, JsonErrorDescriber.RequestBody, body, CultureInfo.GetCultureInfo(text.Culture));
            return ($"{description.Message}{text[" Then send the request again."]}",
                Location(description.Line, description.Column, description.Path));
        }

        if (error.InnerException is JsonException unknown && UnknownProperty().Match(unknown.Message) is { Success: true } match)
        {
            return (DescribeUnknownProperty(match.Groups["name"].Value, unknown.Path, context, text), null);
        }

        if (error.InnerException is JsonException json && WrongType().IsMatch(json.Message))
        {
            return DescribeWrongType(json, context, text);
        }

        if (error.InnerException is JsonException other)
        {
            return (text["The request body is not valid: "] + ValueTypeWording.Rewrite(other.Message), null);
        }

        if (MissingBody().IsMatch(error.Message))
        {
            return (text["The request body is empty or null. Send a JSON object with the request's fields."], null);
        }

        if (BindFailure().Match(error.Message) is { Success: true } bind)
        {
            return (text.Format(
                "The value \"{0}\" of parameter '{1}' is not {2}.",
                bind.Groups["value"].Value, bind.Groups["name"].Value,
                text[ValueTypeWording.Describe(bind.Groups["type"].Value)]), null);
        }

        return (ValueTypeWording.Rewrite(error.Message), null);
    }

    /// <summary>Returns the stable code of a binding failure's problem reply, such as <c>json-invalid</c>.</summary>
    internal static string CodeOf(BadHttpRequestException error) => error.InnerException switch
    {
        _ when error.StatusCode != StatusCodes.Status400BadRequest => ApiProblem.GeneralCode(error.StatusCode),
        JsonException { InnerException: JsonException } => "json-invalid",
        JsonException unknown when UnknownProperty().IsMatch(unknown.Message) => "property-unknown",
        JsonException wrong when WrongType().IsMatch(wrong.Message) => "property-type-invalid",
        JsonException => "json-invalid",
        _ when MissingBody().IsMatch(error.Message) => "body-missing",
        _ => "bad-request",
    };

    /// <summary>Names a property the endpoint's body type does not have and lists the ones it has.</summary>
    private static string DescribeUnknownProperty(string name, string? path, HttpContext context, UiText text)
    {
        var bodyType = context.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
        var options = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var known = bodyType is null || path is not ("$" or null) && path.Count(character => character == '.') > 1
            ? null
            : options.GetTypeInfo(bodyType).Properties.Select(property => property.Name).ToList();
        var where = path is null or "$" ? string.Empty : text.Format(" (at {0})", path);
        return known is { Count: > 0 }
            ? text.Format(
                "The request body has a property \"{0}\"{1} that this endpoint does not know. Remove it or correct " +
                "its name; the body's properties are: {2}.", name, where, string.Join(", ", known))
            : text.Format(
                "The request body has a property \"{0}\"{1} that this endpoint does not know. Remove it or correct " +
                "its name.", name, where);
    }

    /// <summary>
    /// Words a JSON value of the wrong type with the kind of value that the endpoint's body type expects at its path.
    /// </summary>
    private static (string Detail, Dictionary<string, object?> Extensions) DescribeWrongType(
        JsonException error, HttpContext context, UiText text)
    {
        var path = error.Path ?? "$";
        var bodyType = context.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
        var options = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var expectedType = bodyType is null ? null : JsonBodyTypes.Find(bodyType, path, options);
        var found = JsonBodyTypes.DescribeFound(error.InnerException);

        // The reader stops just after the value it could not convert, so its 0-based count of bytes read is the
        // 1-based position of the value's last byte: the 5 of {"action": 5}, or the [ that starts a list.
        var line = (error.LineNumber ?? 0) + 1;
        var position = error.BytePositionInLine ?? 0;
        var subject = path == "$" ? text["The request body"] : text.Format("The value at {0}", path);
        var expected = expectedType is null
            ? text[" has the wrong type"]
            : text.Format(" must be {0}", text[ValueTypeWording.Describe(expectedType)]);
        if (found is not null)
        {
            expected += text.Format(", not {0}", text[found]);
        }
        else if (error.InnerException is FormatException)
        {
            // System.Text.Json reads a number from text or a number out of range, such as 1e99 for an int, this way.
            expected += text[" (the value sent has another format or is out of range)"];
        }

        var detail = subject + expected + text.Format(
            ". The error is at line {0}, position {1} (JSON path {2}). Correct the value and send the request again.",
            line, position, path);
        return (detail, Location(line, position, path));
    }

    /// <summary>
    /// Returns the request body that binding read, or null when it was not buffered or is larger than
    /// <see cref="MaxDescribedBodyBytes"/>.
    /// </summary>
    private static async Task<string?> ReadBufferedBodyAsync(HttpRequest request)
    {
        if (!request.Body.CanSeek || request.Body.Length > MaxDescribedBodyBytes)
        {
            return null;
        }

        request.Body.Position = 0;
        using var reader = new StreamReader(request.Body, Encoding.UTF8, leaveOpen: true);
        return await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
    }

    private static Dictionary<string, object?> Location(long line, long position, string? path) => new()
    {
        ["line"] = line,
        ["position"] = position,
        ["path"] = path ?? "$",
    };

    /// <summary>
    /// Words a 415 reply in the caller's language: the body's content type, or the missing Content-Type header, and the
    /// media type that the endpoint accepts, such as multipart/form-data for an upload.
    /// </summary>
    private static string UnsupportedMediaType(HttpContext context)
    {
        var text = RequestLanguage.TextOf(context);

        // NOTE: a body that no endpoint of the path accepts, such as JSON sent to POST /api/packages, gets its reply
        // from routing's own 415 endpoint. That endpoint has no accepts metadata, so the reply names application/json.
        var accepted = context.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes
            .FirstOrDefault() ?? "application/json";
        var contentType = context.Request.ContentType;
        if (accepted == "application/json")
        {
            return string.IsNullOrEmpty(contentType)
                ? text[NoContentTypeJson]
                : string.Format(CultureInfo.InvariantCulture, text[WrongContentTypeJson], contentType);
        }

        return string.IsNullOrEmpty(contentType)
            ? string.Format(CultureInfo.InvariantCulture, text[NoContentType], accepted)
            : string.Format(CultureInfo.InvariantCulture, text[WrongContentType], contentType, accepted);
    }

    // System.Text.Json: "The JSON value could not be converted to WorkflowKit.Designer.Services.TaskActionRequest."
    [GeneratedRegex("^The JSON value could not be converted to ")]
    private static partial Regex WrongType();

    [GeneratedRegex("The JSON property '(?<name>[^']*)' could not be mapped to any \\.NET member")]
    private static partial Regex UnknownProperty();

    // ASP.NET Core minimal APIs: Failed to bind parameter "Nullable<int> limit" from "abc".
    [GeneratedRegex("Failed to bind parameter \"(?<type>[\\w.?<>]+) (?<name>\\w+)\" from \"(?<value>[^\"]*)\"\\.")]
    private static partial Regex BindFailure();

    /// <summary>Matches the minimal API messages for a request without a body or with the JSON literal null.</summary>
    [GeneratedRegex("no body was provided|was not provided from body")]
    private static partial Regex MissingBody();

    [LoggerMessage(5090, LogLevel.Information, "Rejected {Method} {Path}: {Detail}")]
    private static partial void BadRequest(ILogger logger, string method, string path, string detail);
}
