using WorkflowKit.Definitions.Packages;

namespace WorkflowKit.Organization;

/// <summary>The editable organisation: users with roles and attributes, departments with managers, roles.</summary>
public interface IOrganizationStore : IOrganizationDirectory
{
    /// <summary>Creates or replaces a user, including all of their roles and attributes.</summary>
    Task SaveUserAsync(OrgUser user, CancellationToken cancellationToken);

    Task DeleteUserAsync(string userId, CancellationToken cancellationToken);

    Task SaveDepartmentAsync(OrgDepartment department, CancellationToken cancellationToken);

    Task DeleteDepartmentAsync(string departmentId, CancellationToken cancellationToken);

    Task SaveRoleAsync(RoleDefinition role, CancellationToken cancellationToken);

    Task<IReadOnlyList<OrgUser>> ListUsersAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<OrgDepartment>> ListDepartmentsAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<RoleDefinition>> ListRolesAsync(CancellationToken cancellationToken);
}
