using System.Security.Claims;

namespace WorkflowKit.Designer.Accounts;

/// <summary>
/// The signed-in user as the UI, the API and the services see them, read from the claims that
/// sign-in wrote (cookie) or that the API key handler built.
/// </summary>
public sealed record UserContext(
    string Id,
    string DisplayName,
    string? DepartmentId,
    IReadOnlyList<string> Roles,
    IReadOnlyDictionary<string, string> Attributes,
    string Culture)
{
    public const string CultureClaim = "wk:culture";
    public const string DepartmentClaim = "wk:department";
    public const string AttributeClaimPrefix = "wk:attr:";
    public const string SessionStampClaim = "wk:session";

    public bool IsInRole(string role) => Roles.Contains(role, StringComparer.Ordinal);

    public bool CanDesign => IsInRole(RoleNames.Admin) || IsInRole(RoleNames.ProcessOwner);

    public static UserContext FromUser(DesignerUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new UserContext(user.Id, user.DisplayName, user.DepartmentId, user.Roles, user.Attributes, user.Culture);
    }

    public static ClaimsPrincipal ToPrincipal(DesignerUser user, string authenticationType)
    {
        ArgumentNullException.ThrowIfNull(user);
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id),
            new(ClaimTypes.Name, user.DisplayName),
            new(CultureClaim, user.Culture),
        };
        if (user.DepartmentId is not null)
        {
            claims.Add(new Claim(DepartmentClaim, user.DepartmentId));
        }

        if (user.SessionStamp.Length > 0)
        {
            claims.Add(new Claim(SessionStampClaim, user.SessionStamp));
        }

        claims.AddRange(user.Roles.Select(role => new Claim(ClaimTypes.Role, role)));
        claims.AddRange(user.Attributes.Select(pair => new Claim(AttributeClaimPrefix + pair.Key, pair.Value)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType));
    }

    /// <summary>Reads the user from a principal; null when it is not authenticated.</summary>
    public static UserContext? FromPrincipal(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var id = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        if (principal.Identity?.IsAuthenticated != true || id is null)
        {
            return null;
        }

        var attributes = principal.Claims
            .Where(claim => claim.Type.StartsWith(AttributeClaimPrefix, StringComparison.Ordinal))
            .ToDictionary(
                claim => claim.Type[AttributeClaimPrefix.Length..], claim => claim.Value, StringComparer.Ordinal);
        return new UserContext(
            id,
            principal.FindFirstValue(ClaimTypes.Name) ?? id,
            principal.FindFirstValue(DepartmentClaim),
            [.. principal.FindAll(ClaimTypes.Role).Select(claim => claim.Value)],
            attributes,
            principal.FindFirstValue(CultureClaim) ?? "zh-CN");
    }
}
