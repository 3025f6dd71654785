using Microsoft.AspNetCore.Localization;

namespace WorkflowKit.Designer.Accounts;

/// <summary>Takes the UI language from the signed-in user's culture claim (stored per user).</summary>
public sealed class ClaimCultureProvider : RequestCultureProvider
{
    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var culture = httpContext.User.FindFirst(UserContext.CultureClaim)?.Value;
        return Task.FromResult(culture is null ? null : new ProviderCultureResult(culture));
    }
}
