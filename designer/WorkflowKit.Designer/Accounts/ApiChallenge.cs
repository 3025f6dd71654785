using Microsoft.AspNetCore.Authorization;
using WorkflowKit.Designer.Hosting;

namespace WorkflowKit.Designer.Accounts;

/// <summary>
/// The 401 reply to an unauthenticated call under <c>/api</c>: a problem body that explains how to authenticate and a
/// <c>WWW-Authenticate</c> header, which HTTP requires on every 401. Also the 403 reply to a call whose account lacks
/// the role the endpoint requires.
/// </summary>
/// <remarks>
/// No registered HTTP authentication scheme covers an API key header or a sign-in cookie, so the challenge names this
/// API's own <c>ApiKey</c> scheme with the header to send as a parameter.
/// </remarks>
internal static class ApiChallenge
{
    public const string WwwAuthenticate =
        "ApiKey realm=\"WorkflowKit\", header=\"" + ApiKeyAuthenticationHandler.HeaderName + "\"";

    public const string MissingCredentials =
        "Authentication is required. Send an API key in the " + ApiKeyAuthenticationHandler.HeaderName +
        " header (an administrator creates keys at /admin/api-keys), or sign in at /login and send the sign-in " +
        "cookie with the request.";

    public const string UnknownApiKey =
        "The " + ApiKeyAuthenticationHandler.HeaderName + " header does not name an active API key. Send an active " +
        "key, or ask an administrator to create one at /admin/api-keys.";

    /// <summary>
    /// Builds the 403 text for a call of <paramref name="method"/> <paramref name="path"/> that lacks the role of the
    /// endpoint's authorization policy (<see cref="Policies"/>). <paramref name="group"/> is the endpoint's OpenAPI
    /// tag, such as "Incidents", so the text names the endpoints that need the role; null leaves it out.
    /// </summary>
    public static string RoleMissing(string method, string path, string? policy, string? group = null)
    {
        var roles = policy switch
        {
            Policies.Design => "the process owner or administrator role",
            Policies.Admin => "the administrator role",
            _ => "a role",
        };
        var needs = group is null
            ? $"it needs {roles}"
            : $"the {Singular(group)} endpoints need {roles}";
        return $"This account may not use {method} {path}, because {needs}, which the account does not " +
            "have. Ask an administrator to give the account the role, or use an account that has it.";
    }

    // The API's tags are plural nouns ("Incidents", "Definitions"), and the text reads "the incident endpoints".
    private static string Singular(string tag) => tag.ToLowerInvariant().TrimEnd('s');

    /// <summary>Writes the 403 reply to an authenticated call that lacks the role an endpoint requires.</summary>
    public static Task WriteForbiddenAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var metadata = context.GetEndpoint()?.Metadata;
        var policy = metadata?.GetOrderedMetadata<IAuthorizeData>()
            .Select(data => data.Policy)
            .LastOrDefault(name => name is not null);
        var group = metadata?.GetMetadata<Microsoft.AspNetCore.Http.Metadata.ITagsMetadata>()?.Tags.FirstOrDefault();
        var detail = RoleMissing(context.Request.Method, context.Request.Path.Value ?? "/", policy, group);
        return Results.Problem(detail, statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(context);
    }

    /// <summary>Writes the 401 reply with <paramref name="detail"/>.</summary>
    public static Task WriteAsync(HttpContext context, string detail)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Headers.WWWAuthenticate = WwwAuthenticate;
        return Results.Problem(detail, statusCode: StatusCodes.Status401Unauthorized).ExecuteAsync(context);
    }
}
