using WorkflowKit.Definitions.Packages;
using WorkflowKit.Storage;

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

    /// <summary>
    /// Creates a role through an open transaction unless the store has a role with its key, which then keeps its
    /// name. Returns whether the role was created. The role is stored when the caller commits.
    /// </summary>
    Task<bool> AddRoleAsync(RoleDefinition role, IStorageTransaction transaction, CancellationToken cancellationToken);

    Task<IReadOnlyList<OrgUser>> ListUsersAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<OrgDepartment>> ListDepartmentsAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<RoleDefinition>> ListRolesAsync(CancellationToken cancellationToken);
}
