namespace WorkflowKit.Organization;

/// <summary>An organisation held in memory, for tests, scenarios and the CLI's seeded demo users.</summary>
public sealed class InMemoryOrganizationDirectory : IOrganizationDirectory
{
    private readonly Dictionary<string, OrgUser> _users = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OrgDepartment> _departments = new(StringComparer.Ordinal);

    public InMemoryOrganizationDirectory Add(OrgUser user)
    {
        _users[user.Id] = user;
        return this;
    }

    public InMemoryOrganizationDirectory Add(OrgDepartment department)
    {
        _departments[department.Id] = department;
        return this;
    }

    public IEnumerable<OrgUser> Users => _users.Values;

    public IEnumerable<OrgDepartment> Departments => _departments.Values;

    public Task<OrgUser?> FindUserAsync(string userId, CancellationToken cancellationToken) =>
        Task.FromResult(_users.GetValueOrDefault(userId));

    public Task<IReadOnlyList<OrgUser>> GetUsersInRoleAsync(string role, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<OrgUser>>(
            [.. _users.Values.Where(user => user.Roles.Contains(role, StringComparer.Ordinal)).OrderBy(u => u.Id)]);

    public Task<IReadOnlyList<OrgUser>> GetDepartmentMembersAsync(string departmentId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<OrgUser>>(
            [.. _users.Values.Where(user => user.DepartmentId == departmentId).OrderBy(u => u.Id)]);

    public Task<OrgDepartment?> FindDepartmentAsync(string departmentId, CancellationToken cancellationToken) =>
        Task.FromResult(_departments.GetValueOrDefault(departmentId));

    public Task<IReadOnlyList<OrgUser>> FindUsersByNameAsync(string displayName, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<OrgUser>>(
            [.. _users.Values.Where(user => user.DisplayName == displayName).OrderBy(u => u.Id, StringComparer.Ordinal)]);

    public Task<IReadOnlyList<OrgDepartment>> FindDepartmentsByNameAsync(
        string name, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<OrgDepartment>>(
            [.. _departments.Values.Where(department => department.Name == name)
                .OrderBy(department => department.Id, StringComparer.Ordinal)]);
}
