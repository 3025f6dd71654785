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

    /// <summary>Builds the Simplified Chinese text of <see cref="RoleMissing"/>.</summary>
    public static string ChineseRoleMissing(string method, string path, string? policy, string? group = null)
    {
        var roles = policy switch
        {
            Policies.Design => "流程负责人或管理员角色",
            Policies.Admin => "管理员角色",
            _ => "相应的角色",
        };
        var endpoints = group switch
        {
            "Definitions" => "定义接口",
            "Incidents" => "异常事件接口",
            "Packages" => "模板包接口",
            "Delegations" => "委托接口",
            "Records" => "记录接口",
            "Files" => "文件接口",
            "Instances" => "流程实例接口",
            "Tasks" => "任务接口",
            _ => "此接口",
        };
        return $"此账号不能调用 {method} {path}，因为{endpoints}需要{roles}，而此账号没有。请联系管理员为账号分配该角色，" +
            "或改用拥有该角色的账号。";
    }

    /// <summary>Writes the 403 reply to an authenticated call that lacks the role an endpoint requires.</summary>
    public static Task WriteForbiddenAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var metadata = context.GetEndpoint()?.Metadata;
        var policy = metadata?.GetOrderedMetadata<IAuthorizeData>()
            .Select(data => data.Policy)
            .LastOrDefault(name => name is not null);
        var group = metadata?.GetMetadata<Microsoft.AspNetCore.Http.Metadata.ITagsMetadata>()?.Tags.FirstOrDefault();
        var path = context.Request.Path.Value ?? "/";
        var detail = Localization.RequestLanguage.CultureOf(context) == "zh-CN"
            ? ChineseRoleMissing(context.Request.Method, path, policy, group)
            : RoleMissing(context.Request.Method, path, policy, group);
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
