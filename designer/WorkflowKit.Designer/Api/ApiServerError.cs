using WorkflowKit.Designer.Localization;

namespace WorkflowKit.Designer.Api;

/// <summary>
/// The 500 reply under <c>/api</c> outside development: a problem body in the caller's language that API callers can
/// read, in place of the HTML error page that people get. <see cref="Hosting.UnhandledErrorHandler"/> logs the
/// exception with the reference id that the reply gives as <c>referenceId</c>.
/// </summary>
internal static class ApiServerError
{
    /// <summary>The English text of the reply's detail, a UiText key with the method, path and reference id.</summary>
    public const string Detail =
        "The server failed while handling {0} {1}. The error is logged with reference id {2}. Retry the request; if " +
        "it fails again, give the reference id to an administrator.";

    /// <summary>Writes the problem reply for the exception that the exception handler caught.</summary>
    public static Task WriteAsync(HttpContext context, PathString path, string referenceId)
    {
        ArgumentNullException.ThrowIfNull(context);
        var text = RequestLanguage.TextOf(context);
        return Results.Problem(
            string.Format(System.Globalization.CultureInfo.InvariantCulture, text[Detail], context.Request.Method,
                path, referenceId),
            statusCode: StatusCodes.Status500InternalServerError,
            extensions: new Dictionary<string, object?>
            {
                [ApiProblem.CodeKey] = "server-error",
                ["referenceId"] = referenceId,
            }).ExecuteAsync(context);
    }
}
