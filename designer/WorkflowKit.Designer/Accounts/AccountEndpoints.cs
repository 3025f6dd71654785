using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using WorkflowKit.Designer.Hosting;

namespace WorkflowKit.Designer.Accounts;

/// <summary>
/// Sign-in, sign-out and language switch. They take HTML form posts, so the antiforgery
/// middleware checks their token.
/// </summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // HTML form posts of the sign-in page, not part of the REST API, so the OpenAPI document leaves them out.
        var group = endpoints.MapGroup("/account").ExcludeFromDescription();
        group.MapPost("/login", LoginAsync).AllowAnonymous();
        group.MapPost("/logout", (Delegate)LogoutAsync).RequireAuthorization();
        group.MapPost("/culture", SetCultureAsync).RequireAuthorization();
        return endpoints;
    }

    private static async Task<IResult> LoginAsync(
        [FromForm] string? userName,
        [FromForm] string? password,
        [FromForm] string? returnUrl,
        [FromForm] string? culture,
        HttpContext context,
        AccountStore accounts,
        ILoggerFactory loggerFactory)
    {
        var chosen = culture is not null && AccountStore.Cultures.Contains(culture, StringComparer.Ordinal) ? culture : null;
        var logger = loggerFactory.CreateLogger(typeof(AccountEndpoints));
        DesignerUser? user;
        try
        {
            user = string.IsNullOrEmpty(userName) || string.IsNullOrEmpty(password)
                ? null
                : await accounts.VerifyPasswordAsync(userName, password, context.RequestAborted);
        }
        catch (Exception error) when (DatabaseOutage.IsOutage(error))
        {
            // The page shows the outage and keeps the typed user name, never the password.
            DesignerLog.SignInDatabaseUnreachable(logger, error.Message);
            return Results.LocalRedirect(LoginPage("unavailable", chosen, returnUrl) +
                                         "&userName=" + Uri.EscapeDataString(userName ?? string.Empty));
        }

        if (user is null)
        {
            DesignerLog.SignInFailed(logger);
            return Results.LocalRedirect(LoginPage("1", chosen, returnUrl));
        }

        if (chosen is not null && chosen != user.Culture)
        {
            // The language picked on the sign-in page is the one the user wants from now on.
            await accounts.SetCultureAsync(user.Id, chosen, context.RequestAborted);
            user = user with { Culture = chosen };
        }

        await context.SignInAsync(
            CookieAuthenticationDefaults.AuthenticationScheme,
            UserContext.ToPrincipal(user, CookieAuthenticationDefaults.AuthenticationScheme));
        DesignerLog.SignedIn(logger, user.Id);
        return Results.LocalRedirect(LocalOrRoot(returnUrl));
    }

    private static async Task<IResult> LogoutAsync(HttpContext context)
    {
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Results.LocalRedirect("/login");
    }

    private static async Task<IResult> SetCultureAsync(
        [FromForm] string culture,
        [FromForm] string? returnUrl,
        HttpContext context,
        AccountStore accounts)
    {
        var current = UserContext.FromPrincipal(context.User)!;
        if (!AccountStore.Cultures.Contains(culture, StringComparer.Ordinal))
        {
            return Results.BadRequest($"Unsupported UI language '{culture}'; expected zh-CN or en.");
        }

        await accounts.SetCultureAsync(current.Id, culture, context.RequestAborted);
        var user = await accounts.FindAsync(current.Id, context.RequestAborted);
        if (user is not null)
        {
            await context.SignInAsync(
                CookieAuthenticationDefaults.AuthenticationScheme,
                UserContext.ToPrincipal(user, CookieAuthenticationDefaults.AuthenticationScheme));
        }

        return Results.LocalRedirect(LocalOrRoot(returnUrl));
    }

    private static string LoginPage(string error, string? culture, string? returnUrl) =>
        "/login?error=" + error + (culture is null ? string.Empty : "&culture=" + culture) +
        "&returnUrl=" + Uri.EscapeDataString(LocalOrRoot(returnUrl));

    private static string LocalOrRoot(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/')
        && !returnUrl.StartsWith("//", StringComparison.Ordinal)
            ? returnUrl
            : "/";
}
