using WorkflowKit.Organization;

namespace WorkflowKit.Designer.Accounts;

/// <summary>The organisation model read from the designer's accounts and departments.</summary>
public sealed class AccountDirectory(AccountStore accounts) : IOrganizationDirectory
{
    public async Task<OrgUser?> FindUserAsync(string userId, CancellationToken cancellationToken)
    {
        var user = await accounts.FindAsync(userId, cancellationToken);
        return user is null || user.Disabled ? null : ToOrgUser(user);
    }

    public async Task<IReadOnlyList<OrgUser>> GetUsersInRoleAsync(string role, CancellationToken cancellationToken) =>
        [.. (await accounts.ListAsync(cancellationToken))
            .Where(user => !user.Disabled && user.IsInRole(role)).Select(ToOrgUser)];

    public async Task<IReadOnlyList<OrgUser>> GetDepartmentMembersAsync(
        string departmentId, CancellationToken cancellationToken) =>
        [.. (await accounts.ListAsync(cancellationToken))
            .Where(user => !user.Disabled && user.DepartmentId == departmentId).Select(ToOrgUser)];

    public async Task<OrgDepartment?> FindDepartmentAsync(string departmentId, CancellationToken cancellationToken)
    {
        var department = (await accounts.ListDepartmentsAsync(cancellationToken))
            .FirstOrDefault(item => item.Id == departmentId);
        return department is null
            ? null
            : new OrgDepartment(department.Id, department.Name, department.ParentId, department.ManagerId);
    }

    public async Task<IReadOnlyList<OrgUser>> FindUsersByNameAsync(
        string displayName, CancellationToken cancellationToken) =>
        [.. (await accounts.ListAsync(cancellationToken))
            .Where(user => !user.Disabled && user.DisplayName == displayName)
            .OrderBy(user => user.Id, StringComparer.Ordinal)
            .Select(ToOrgUser)];

    public async Task<IReadOnlyList<OrgDepartment>> FindDepartmentsByNameAsync(
        string name, CancellationToken cancellationToken) =>
        [.. (await accounts.ListDepartmentsAsync(cancellationToken))
            .Where(department => department.Name == name)
            .OrderBy(department => department.Id, StringComparer.Ordinal)
            .Select(department =>
                new OrgDepartment(department.Id, department.Name, department.ParentId, department.ManagerId))];

    private static OrgUser ToOrgUser(DesignerUser user) =>
        new(user.Id, user.DisplayName, user.DepartmentId, user.Roles, user.Attributes);
}
