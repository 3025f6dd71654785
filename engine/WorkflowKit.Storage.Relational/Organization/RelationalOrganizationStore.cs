using System.Data.Common;
using Dapper;
using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Definitions.Packages;
using WorkflowKit.Organization;

namespace WorkflowKit.Storage.Relational.Organization;

/// <summary>
/// Users, departments and roles in the tables of migration 4000, on SQLite or PostgreSQL. Password
/// hashes and sign-in are not kept here; the designer owns them.
/// </summary>
public abstract class RelationalOrganizationStore : IOrganizationStore
{
    private const string UserColumns = "u.id AS Id, u.display_name AS DisplayName, u.department_id AS DepartmentId";

    private readonly IDatabase _database;

    protected RelationalOrganizationStore(IDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    public async Task SaveUserAsync(OrgUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentException.ThrowIfNullOrWhiteSpace(user.Id);
        await using var transaction = await _database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var connection = transaction.Connection;
        await connection.ExecuteAsync(
            "INSERT INTO org_users (id, display_name, department_id) VALUES (@Id, @DisplayName, @DepartmentId) " +
            "ON CONFLICT (id) DO UPDATE SET display_name = excluded.display_name, department_id = " +
            "excluded.department_id",
            new { user.Id, user.DisplayName, user.DepartmentId }, transaction.Transaction).ConfigureAwait(false);
        await connection.ExecuteAsync("DELETE FROM org_user_roles WHERE user_id = @Id", new { user.Id },
            transaction.Transaction).ConfigureAwait(false);
        await connection.ExecuteAsync("DELETE FROM org_user_attributes WHERE user_id = @Id", new { user.Id },
            transaction.Transaction).ConfigureAwait(false);
        await connection.ExecuteAsync(
            "INSERT INTO org_user_roles (user_id, role) VALUES (@UserId, @Role)",
            user.Roles.Distinct(StringComparer.Ordinal).Select(role => new { UserId = user.Id, Role = role }),
            transaction.Transaction).ConfigureAwait(false);
        await connection.ExecuteAsync(
            "INSERT INTO org_user_attributes (user_id, name, value) VALUES (@UserId, @Name, @Value)",
            user.Attributes.Select(pair => new { UserId = user.Id, Name = pair.Key, pair.Value }),
            transaction.Transaction).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task DeleteUserAsync(string userId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync("DELETE FROM org_users WHERE id = @Id", new { Id = userId })
            .ConfigureAwait(false);
    }

    public async Task SaveDepartmentAsync(OrgDepartment department, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(department);
        ArgumentException.ThrowIfNullOrWhiteSpace(department.Id);
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(
            "INSERT INTO org_departments (id, name, parent_id, manager_id) " +
            "VALUES (@Id, @Name, @ParentId, @ManagerId) " +
            "ON CONFLICT (id) DO UPDATE SET name = excluded.name, parent_id = excluded.parent_id, " +
            "manager_id = excluded.manager_id",
            new { department.Id, department.Name, department.ParentId, department.ManagerId }).ConfigureAwait(false);
    }

    public async Task DeleteDepartmentAsync(string departmentId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var members = await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM org_users WHERE department_id = @Id",
                new { Id = departmentId }).ConfigureAwait(false);
        if (members > 0)
        {
            throw new InvalidOperationException(
                $"Department '{departmentId}' still has {members} member(s); move them to another department first.");
        }

        await connection.ExecuteAsync("DELETE FROM org_departments WHERE id = @Id", new { Id = departmentId })
            .ConfigureAwait(false);
    }

    public async Task SaveRoleAsync(RoleDefinition role, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(role);
        ArgumentException.ThrowIfNullOrWhiteSpace(role.Key);
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(
            "INSERT INTO org_roles (key, name) VALUES (@Key, @Name) ON CONFLICT (key) DO UPDATE SET name = " +
            "excluded.name",
            new { role.Key, Name = DefinitionJson.Serialize(role.Name) }).ConfigureAwait(false);
    }

    public async Task<bool> AddRoleAsync(
        RoleDefinition role, IStorageTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(role);
        ArgumentException.ThrowIfNullOrWhiteSpace(role.Key);
        ArgumentNullException.ThrowIfNull(transaction);
        var created = await transaction.Connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO org_roles (key, name) VALUES (@Key, @Name) ON CONFLICT (key) DO NOTHING",
            new { role.Key, Name = DefinitionJson.Serialize(role.Name) }, transaction.Transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return created > 0;
    }

    public async Task<OrgUser?> FindUserAsync(string userId, CancellationToken cancellationToken)
    {
        var users = await QueryUsersAsync("WHERE u.id = @Id", new { Id = userId }, cancellationToken)
            .ConfigureAwait(false);
        return users.SingleOrDefault();
    }

    public Task<IReadOnlyList<OrgUser>> GetUsersInRoleAsync(string role, CancellationToken cancellationToken) =>
        QueryUsersAsync(
            "WHERE u.id IN (SELECT user_id FROM org_user_roles WHERE role = @Role)", new { Role = role },
            cancellationToken);

    public Task<IReadOnlyList<OrgUser>> GetDepartmentMembersAsync(string departmentId,
        CancellationToken cancellationToken) =>
        QueryUsersAsync("WHERE u.department_id = @Id", new { Id = departmentId }, cancellationToken);

    public Task<IReadOnlyList<OrgUser>> FindUsersByNameAsync(string displayName, CancellationToken cancellationToken) =>
        QueryUsersAsync("WHERE u.display_name = @Name", new { Name = displayName }, cancellationToken);

    public Task<IReadOnlyList<OrgUser>> ListUsersAsync(CancellationToken cancellationToken) =>
        QueryUsersAsync(string.Empty, null, cancellationToken);

    public async Task<OrgDepartment?> FindDepartmentAsync(string departmentId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<OrgDepartment>(
            "SELECT id AS Id, name AS Name, parent_id AS ParentId, manager_id AS ManagerId FROM org_departments " +
            "WHERE id = @Id", new { Id = departmentId }).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<OrgDepartment>> FindDepartmentsByNameAsync(
        string name, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return [.. await connection.QueryAsync<OrgDepartment>(
            "SELECT id AS Id, name AS Name, parent_id AS ParentId, manager_id AS ManagerId FROM org_departments " +
            "WHERE name = @Name ORDER BY " + RelationalSql.Ordinal(_database.Dialect, "id"), new { Name = name })
            .ConfigureAwait(false)];
    }

    public async Task<IReadOnlyList<OrgDepartment>> ListDepartmentsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return [.. await connection.QueryAsync<OrgDepartment>(
            "SELECT id AS Id, name AS Name, parent_id AS ParentId, manager_id AS ManagerId FROM org_departments " +
            "ORDER BY " + RelationalSql.Ordinal(_database.Dialect, "id")).ConfigureAwait(false)];
    }

    public async Task<IReadOnlyList<RoleDefinition>> ListRolesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string Key, string Name)>(
            "SELECT key, name FROM org_roles ORDER BY " + RelationalSql.Ordinal(_database.Dialect, "key"))
            .ConfigureAwait(false);
        return [.. rows.Select(row =>
        {
            var role = new RoleDefinition { Key = row.Key };
            foreach (var (culture, text) in System.Text.Json.JsonSerializer.Deserialize<LocalizedText>(
                         row.Name, DefinitionJson.Options)!.Values)
            {
                role.Name.Values[culture] = text;
            }

            return role;
        })];
    }

    private async Task<IReadOnlyList<OrgUser>> QueryUsersAsync(
        string where, object? parameters, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var users = (await connection.QueryAsync<(string Id, string DisplayName, string? DepartmentId)>(
            $"SELECT {UserColumns} FROM org_users u {where} ORDER BY {RelationalSql.Ordinal(_database.Dialect, "u.id")}",
            parameters).ConfigureAwait(false)).ToList();
        if (users.Count == 0)
        {
            return [];
        }

        var ids = users.Select(user => user.Id).ToList();
        var roles = (await QueryPairsAsync(connection, "SELECT user_id, role, '' FROM org_user_roles", ids)
            .ConfigureAwait(false)).ToLookup(row => row.UserId, row => row.Name);
        var attributes = (await QueryPairsAsync(connection, "SELECT user_id, name, value FROM org_user_attributes", ids)
            .ConfigureAwait(false)).ToLookup(row => row.UserId);

        return [.. users.Select(user => new OrgUser(
            user.Id,
            user.DisplayName,
            user.DepartmentId,
            [.. roles[user.Id].Order(StringComparer.Ordinal)],
            attributes[user.Id].ToDictionary(row => row.Name, row => row.Value, StringComparer.Ordinal)))];
    }

    private async Task<IEnumerable<(string UserId, string Name, string Value)>> QueryPairsAsync(
        DbConnection connection, string select, IReadOnlyList<string> userIds) =>
        await connection.QueryAsync<(string, string, string)>(
            select + " WHERE " + RelationalSql.InList(_database.Dialect, "user_id", "Ids"),
            new { Ids = RelationalSql.ValueList(_database.Dialect, userIds) }).ConfigureAwait(false);
}
