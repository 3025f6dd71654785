using System.Text.Json;
using Dapper;
using WorkflowKit.Organization;
using WorkflowKit.Storage;

namespace WorkflowKit.Cli;

/// <summary>
/// The organisation directory of a database, extended by the designer's accounts in the same database: a user missing
/// from the directory but with an active account in <c>designer_users</c> (such as the demo accounts <c>manager</c> and
/// <c>sales1</c>) is found as the designer's pages find them. Lookups of roles, departments and
/// names read the directory only.
/// </summary>
internal sealed class DesignerAccountDirectory(IOrganizationDirectory directory, IDatabase database)
    : IOrganizationDirectory
{
    public async Task<OrgUser?> FindUserAsync(string userId, CancellationToken cancellationToken) =>
        await directory.FindUserAsync(userId, cancellationToken).ConfigureAwait(false)
        ?? await FindAccountAsync(userId, cancellationToken).ConfigureAwait(false);

    public Task<IReadOnlyList<OrgUser>> GetUsersInRoleAsync(string role, CancellationToken cancellationToken) =>
        directory.GetUsersInRoleAsync(role, cancellationToken);

    public Task<IReadOnlyList<OrgUser>> GetDepartmentMembersAsync(string departmentId, CancellationToken cancellationToken) =>
        directory.GetDepartmentMembersAsync(departmentId, cancellationToken);

    public Task<OrgDepartment?> FindDepartmentAsync(string departmentId, CancellationToken cancellationToken) =>
        directory.FindDepartmentAsync(departmentId, cancellationToken);

    public Task<IReadOnlyList<OrgUser>> FindUsersByNameAsync(string displayName, CancellationToken cancellationToken) =>
        directory.FindUsersByNameAsync(displayName, cancellationToken);

    public Task<IReadOnlyList<OrgDepartment>> FindDepartmentsByNameAsync(string name, CancellationToken cancellationToken) =>
        directory.FindDepartmentsByNameAsync(name, cancellationToken);

    private async Task<OrgUser?> FindAccountAsync(string userId, CancellationToken cancellationToken)
    {
        var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var disabled = database.Dialect == SqlDialect.PostgreSql ? "CAST(disabled AS INTEGER)::BIGINT" : "disabled";
            var row = await connection.QuerySingleOrDefaultAsync<AccountRow>(
                "SELECT id AS Id, display_name AS DisplayName, department_id AS DepartmentId, roles AS Roles, " +
                $"attributes AS Attributes, {disabled} AS Disabled FROM designer_users WHERE id = @userId",
                new { userId }).ConfigureAwait(false);
            return row is null || row.Disabled != 0
                ? null
                : new OrgUser(
                    row.Id, row.DisplayName, row.DepartmentId,
                    JsonSerializer.Deserialize<List<string>>(row.Roles) ?? [],
                    JsonSerializer.Deserialize<Dictionary<string, string>>(row.Attributes) ?? []);
        }
    }

    private sealed record AccountRow(
        string Id, string DisplayName, string? DepartmentId, string Roles, string Attributes, long Disabled);
}
