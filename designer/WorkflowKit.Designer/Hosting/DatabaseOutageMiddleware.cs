using System.Globalization;
using System.Text.Encodings.Web;
using WorkflowKit.Designer.Localization;

namespace WorkflowKit.Designer.Hosting;

/// <summary>
/// Returns 503 for a request that failed because the database is unreachable (see <see cref="DatabaseOutage"/>):
/// a problem body and Retry-After under <c>/api</c>, and a page with the message for people. Any other exception,
/// and one raised after the response has started, goes on to the exception handlers.
/// </summary>
public sealed class DatabaseOutageMiddleware(RequestDelegate next, ILogger<DatabaseOutageMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            await next(context);
        }
        catch (Exception error) when (DatabaseOutage.IsOutage(error) && !context.Response.HasStarted)
        {
            DesignerLog.DatabaseUnreachable(logger, context.Request.Method, context.Request.Path.Value ?? "/", error.Message);
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = DatabaseOutage.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            if (context.Request.Path.StartsWithSegments("/api"))
            {
                var text = RequestLanguage.TextOf(context);
                await Results.Problem(
                        text[DatabaseOutage.ApiDetail], statusCode: StatusCodes.Status503ServiceUnavailable,
                        title: "Database unreachable",
                        extensions: new Dictionary<string, object?> { [Api.ApiProblem.CodeKey] = DatabaseOutage.ApiCode })
                    .ExecuteAsync(context);
                return;
            }

            await WritePageAsync(context);
        }
    }

    // The page is plain HTML because rendering the app's components would read the database again.
    private static Task WritePageAsync(HttpContext context)
    {
        var text = RequestLanguage.TextOf(context);
        var encoder = HtmlEncoder.Default;
        var retry = encoder.Encode(context.Request.Path + context.Request.QueryString);
        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.WriteAsync(
            $"""
            <!DOCTYPE html>
            <html lang="{text.Culture}">
            <head><meta charset="utf-8" /><title>WorkflowKit · {encoder.Encode(text["Database unreachable"])}</title>
            <link rel="icon" type="image/svg+xml" href="/favicon.svg" /><link rel="stylesheet" href="/app.css" /></head>
            <body><div class="wk-login"><div class="wk-login-card">
            <h1>WorkflowKit</h1>
            <div class="error" role="alert" id="database-unreachable">{encoder.Encode(text[DatabaseOutage.PageMessage])}</div>
            <p><a href="{retry}">{encoder.Encode(text["Try again"])}</a></p>
            </div></div></body>
            </html>
            """);
    }
}
