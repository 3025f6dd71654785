using WorkflowKit.Designer.Accounts;

namespace WorkflowKit.Designer.Forms;

/// <summary>The departments that department fields offer and show, by id.</summary>
public static class DepartmentNames
{
    /// <summary>Loads every department's name by department id.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> LoadAsync(
        AccountStore accounts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        var departments = await accounts.ListDepartmentsAsync(cancellationToken);
        return departments.ToDictionary(department => department.Id, department => department.Name, StringComparer.Ordinal);
    }
}
