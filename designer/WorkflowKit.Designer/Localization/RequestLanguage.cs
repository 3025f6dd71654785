using WorkflowKit.Designer.Accounts;

namespace WorkflowKit.Designer.Localization;

/// <summary>
/// The language of a request's replies, "zh-CN" or "en": the signed-in account's culture when authentication got that
/// far, then the <c>culture</c> query parameter, then the first language of the Accept-Language header, and Chinese
/// when none is given. API problem replies and the database outage page use it.
/// </summary>
public static class RequestLanguage
{
    public static string CultureOf(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.User.FindFirst(UserContext.CultureClaim)?.Value is { } claimed)
        {
            return UiText.Normalize(claimed);
        }

        if (context.Request.Query["culture"].ToString() is { Length: > 0 } query)
        {
            return UiText.Normalize(query);
        }

        var accepted = context.Request.GetTypedHeaders().AcceptLanguage
            .OrderByDescending(language => language.Quality ?? 1)
            .Select(language => language.Value.ToString())
            .FirstOrDefault();
        return UiText.Normalize(accepted ?? "zh-CN");
    }

    /// <summary>Returns the UI text of the request's language.</summary>
    public static UiText TextOf(HttpContext context) => new() { Culture = CultureOf(context) };
}
