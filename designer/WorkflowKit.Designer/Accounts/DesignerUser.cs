namespace WorkflowKit.Designer.Accounts;

/// <summary>A person who signs in to the designer, the work portal or the API.</summary>
public sealed record DesignerUser(
    string Id,
    string UserName,
    string DisplayName,
    string? DepartmentId,
    IReadOnlyList<string> Roles,
    IReadOnlyDictionary<string, string> Attributes,
    string Culture,
    bool Disabled)
{
    /// <summary>
    /// Changes whenever the password does: a sign-in cookie carries the stamp of its sign-in, and a cookie with another
    /// stamp is refused, so a new password ends every session opened with the old one. Empty for a user not read from
    /// the store.
    /// </summary>
    public string SessionStamp { get; init; } = string.Empty;

    public bool IsInRole(string role) => Roles.Contains(role, StringComparer.Ordinal);
}
