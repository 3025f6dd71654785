namespace WorkflowKit.Organization;

/// <summary>Read access to users, departments and roles, used to resolve assignees and permissions.</summary>
public interface IOrganizationDirectory
{
    Task<OrgUser?> FindUserAsync(string userId, CancellationToken cancellationToken);

    Task<IReadOnlyList<OrgUser>> GetUsersInRoleAsync(string role, CancellationToken cancellationToken);

    Task<IReadOnlyList<OrgUser>> GetDepartmentMembersAsync(string departmentId, CancellationToken cancellationToken);

    Task<OrgDepartment?> FindDepartmentAsync(string departmentId, CancellationToken cancellationToken);

    /// <summary>
    /// Finds the users whose display name equals <paramref name="displayName"/> (ordinal comparison), ordered by id,
    /// leaving out users that <see cref="FindUserAsync"/> does not return, such as disabled accounts. Imports use it
    /// to turn the names that ERP and spreadsheet exports carry into user ids.
    /// </summary>
    Task<IReadOnlyList<OrgUser>> FindUsersByNameAsync(string displayName, CancellationToken cancellationToken);

    /// <summary>
    /// Finds the departments whose name equals <paramref name="name"/> (ordinal comparison), ordered by id.
    /// </summary>
    Task<IReadOnlyList<OrgDepartment>> FindDepartmentsByNameAsync(string name, CancellationToken cancellationToken);
}
