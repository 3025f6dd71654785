namespace WorkflowKit.Organization;

/// <summary>
/// A person in the organisation model: the department they belong to, the roles they hold and
/// attributes such as "region" that assignee and permission rules match on.
/// </summary>
public sealed record OrgUser(
    string Id,
    string DisplayName,
    string? DepartmentId,
    IReadOnlyList<string> Roles,
    IReadOnlyDictionary<string, string> Attributes)
{
    public string? GetAttribute(string name) => Attributes.TryGetValue(name, out var value) ? value : null;
}
