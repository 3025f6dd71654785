using Microsoft.AspNetCore.WebUtilities;
using WorkflowKit.Designer.Localization;
using WorkflowKit.Designer.Services;

namespace WorkflowKit.Designer.Api;

/// <summary>
/// Builds the problem replies of the REST API in the caller's language (<see cref="RequestLanguage"/>: the account's
/// culture, else Accept-Language). Every reply has a <c>code</c> that stays the same in every language, such as
/// <c>task-not-found</c>, and <c>title</c> and <c>detail</c> are in Simplified Chinese or English.
/// </summary>
/// <remarks>
/// <see cref="Customize"/> runs for every problem reply under <c>/api</c>, including those of binding failures, the
/// exception handler and handlers that call <see cref="Results.Problem(string?, string?, int?, string?, string?, IDictionary{string, object?}?)"/>
/// themselves. It words the title, fills in the general code of the status when a reply has none, and translates a
/// <c>detail</c> that is a fixed <see cref="UiText"/> key.
/// </remarks>
public static class ApiProblem
{
    /// <summary>The name of the problem reply extension that contains the stable code.</summary>
    public const string CodeKey = "code";

    /// <summary>Creates a problem reply whose detail is <paramref name="format"/>, a UiText key, filled in.</summary>
    public static IResult Create(
        HttpContext context, int statusCode, string code, string format, IReadOnlyList<object?> arguments,
        IDictionary<string, object?>? extensions = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var text = RequestLanguage.TextOf(context);
        var detail = arguments.Count == 0 ? text[format] : InvalidInputException.Fill(text[format], arguments, text.Culture);
        return Results.Problem(detail, statusCode: statusCode, extensions: WithCode(extensions, code));
    }

    /// <summary>Creates the problem reply of an error that carries its own localizable text and code.</summary>
    public static IResult From(
        HttpContext context, int statusCode, ILocalizedError error, IDictionary<string, object?>? extensions = null)
    {
        ArgumentNullException.ThrowIfNull(error);
        return Create(context, statusCode, error.Code ?? GeneralCode(statusCode), error.TextFormat, error.TextArguments,
            extensions);
    }

    /// <summary>
    /// Creates a problem reply whose detail is <paramref name="english"/> for English callers and
    /// <paramref name="chinese"/> for Chinese ones, for messages built from an engine exception's typed properties.
    /// </summary>
    public static IResult Create(
        HttpContext context, int statusCode, string code, string english, string? chinese,
        IDictionary<string, object?>? extensions = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var detail = chinese is not null && RequestLanguage.CultureOf(context) == "zh-CN" ? chinese : english;
        return Results.Problem(detail, statusCode: statusCode, extensions: WithCode(extensions, code));
    }

    /// <summary>
    /// Words the title of a problem reply under <c>/api</c> in the caller's language, sets the general code of its
    /// status when it has none, and translates a detail that is a fixed UiText key.
    /// </summary>
    public static void Customize(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.HttpContext.Request.Path.StartsWithSegments("/api"))
        {
            return;
        }

        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        var text = RequestLanguage.TextOf(context.HttpContext);
        problem.Title = text[TitleOf(status, problem.Title)];
        if (problem.Detail is { } detail)
        {
            problem.Detail = text[detail];
        }

        problem.Extensions.TryAdd(CodeKey, GeneralCode(status));
    }

    /// <summary>
    /// Returns the code of a reply whose cause has no code of its own, such as <c>bad-request</c> for 400. These codes
    /// are stable too.
    /// </summary>
    public static string GeneralCode(int statusCode) => statusCode switch
    {
        StatusCodes.Status400BadRequest => "bad-request",
        StatusCodes.Status401Unauthorized => "unauthenticated",
        StatusCodes.Status403Forbidden => "forbidden",
        StatusCodes.Status404NotFound => "not-found",
        StatusCodes.Status405MethodNotAllowed => "method-not-allowed",
        StatusCodes.Status409Conflict => "conflict",
        StatusCodes.Status413PayloadTooLarge => "request-too-large",
        StatusCodes.Status415UnsupportedMediaType => "unsupported-media-type",
        StatusCodes.Status422UnprocessableEntity => "validation-failed",
        StatusCodes.Status429TooManyRequests => "too-many-requests",
        StatusCodes.Status503ServiceUnavailable => "service-unavailable",
        >= 500 => "server-error",
        _ => "error",
    };

    // The English titles are the reason phrases of RFC 9110, and "One or more validation errors occurred." for a
    // validation reply. A title that a reply sets itself, such as "Database unreachable", is kept.
    private static string TitleOf(int statusCode, string? title) =>
        title is null or "" || title.StartsWith("One or more validation errors", StringComparison.Ordinal)
            || title == "An error occurred while processing your request."
            ? ReasonPhrases.GetReasonPhrase(statusCode)
            : title;

    private static Dictionary<string, object?> WithCode(IDictionary<string, object?>? extensions, string code)
    {
        var all = extensions is null ? [] : new Dictionary<string, object?>(extensions);
        all[CodeKey] = code;
        return all;
    }
}
