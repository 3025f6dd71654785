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
    public bool IsInRole(string role) => Roles.Contains(role, StringComparer.Ordinal);
}
