namespace WorkflowKit.Organization;

/// <summary>Read access to users, departments and roles, used to resolve assignees and permissions.</summary>
public interface IOrganizationDirectory
{
    Task<OrgUser?> FindUserAsync(string userId, CancellationToken cancellationToken);

    Task<IReadOnlyList<OrgUser>> GetUsersInRoleAsync(string role, CancellationToken cancellationToken);

    Task<IReadOnlyList<OrgUser>> GetDepartmentMembersAsync(string departmentId, CancellationToken cancellationToken);

    Task<OrgDepartment?> FindDepartmentAsync(string departmentId, CancellationToken cancellationToken);
}
