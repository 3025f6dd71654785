using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace WorkflowKit.Designer.Accounts;

/// <summary>Authenticates API calls that carry an <c>X-Api-Key</c> header.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AccountStore accounts)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var values) || string.IsNullOrWhiteSpace(values.ToString()))
        {
            return AuthenticateResult.NoResult();
        }

        var user = await accounts.FindByApiKeyAsync(values.ToString(), Context.RequestAborted);
        if (user is null)
        {
            return AuthenticateResult.Fail(ApiChallenge.UnknownApiKey);
        }

        var principal = UserContext.ToPrincipal(user, SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    /// <summary>Replies 401 under <c>/api</c> with a problem body that states why the key was rejected.</summary>
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (!Request.Path.StartsWithSegments("/api"))
        {
            await base.HandleChallengeAsync(properties);
            return;
        }

        var result = await HandleAuthenticateOnceSafeAsync();
        await ApiChallenge.WriteAsync(Context, result.Failure?.Message ?? ApiChallenge.MissingCredentials);
    }

    /// <summary>Replies 403 under <c>/api</c> with a problem body that names the missing role as the cause.</summary>
    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        if (!Request.Path.StartsWithSegments("/api"))
        {
            await base.HandleForbiddenAsync(properties);
            return;
        }

        await ApiChallenge.WriteForbiddenAsync(Context);
    }
}
