using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace WorkflowKit.Designer.Accounts;

/// <summary>
/// Cookie validation against the stored account on each request. A disabled or deleted account
/// loses access at once, and so does a cookie signed in before the account's last password change.
/// Changed roles, department or attributes apply without a new sign-in.
/// </summary>
/// <remarks>
/// NOTE: every cookie-authenticated request, static files included, reads the account by its
/// primary key. No cache sits in front of it, so that a change applies to the very next request.
/// </remarks>
public static class CookieAccountCheck
{
    /// <summary>
    /// Rejects the cookie of a missing or disabled account or of an older password, and renews one whose claims are
    /// out of date.
    /// </summary>
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var signedIn = context.Principal is null ? null : UserContext.FromPrincipal(context.Principal);
        if (signedIn is null)
        {
            return;
        }

        var accounts = context.HttpContext.RequestServices.GetRequiredService<AccountStore>();
        var user = await accounts.FindAsync(signedIn.Id, context.HttpContext.RequestAborted);
        // A cookie from before the last password change (or from before stamps existed) ends here too.
        if (user is null || user.Disabled
            || context.Principal!.FindFirstValue(UserContext.SessionStampClaim) != user.SessionStamp)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }

        var current = UserContext.ToPrincipal(user, CookieAuthenticationDefaults.AuthenticationScheme);
        if (!ClaimsOf(context.Principal!).SequenceEqual(ClaimsOf(current), StringComparer.Ordinal))
        {
            context.ReplacePrincipal(current);
            context.ShouldRenew = true;
        }
    }

    private static IEnumerable<string> ClaimsOf(ClaimsPrincipal principal) =>
        principal.Claims.Select(claim => claim.Type + "\n" + claim.Value).Order(StringComparer.Ordinal);
}
