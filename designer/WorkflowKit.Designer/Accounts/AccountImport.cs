using WorkflowKit.Organization;

namespace WorkflowKit.Designer.Accounts;

/// <summary>
/// Loads the departments and users of an organisation file (the format of <c>samples/data/users.json</c> and of
/// <c>workflowkit org import</c>) as sign-in accounts. A user already there keeps their password and gets the file's
/// name, department, roles and attributes. A new user gets the initial password the admin typed. Everything is
/// checked before the first write, so a file with a problem changes nothing.
/// </summary>
public sealed class AccountImport(AccountStore accounts)
{
    /// <summary>Checks <paramref name="file"/> against the stored departments and accounts, then writes it.</summary>
    /// <exception cref="InvalidDataException">Problems of the file, each with its JSON path; nothing was written.</exception>
    /// <exception cref="ArgumentException">The initial password is too short; nothing was written.</exception>
    public async Task<AccountImportResult> ImportAsync(
        OrganizationFile file, string initialPassword, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(initialPassword);
        var existing = (await accounts.ListAsync(cancellationToken)).ToDictionary(user => user.Id, StringComparer.Ordinal);
        var newUsers = file.Users.Count(user => !existing.ContainsKey(user.Id));
        if (newUsers > 0 && initialPassword.Length < AccountStore.MinimumPasswordLength)
        {
            throw new ArgumentException(
                $"{file.FileName} adds {newUsers} user(s), who need an initial password of at least " +
                $"{AccountStore.MinimumPasswordLength} characters; the one given has {initialPassword.Length}.",
                nameof(initialPassword));
        }

        var departments = (await accounts.ListDepartmentsAsync(cancellationToken))
            .Select(department => department.Id)
            .Concat(file.Departments.Select(department => department.Id))
            .ToHashSet(StringComparer.Ordinal);
        var users = existing.Keys.Concat(file.Users.Select(user => user.Id)).ToHashSet(StringComparer.Ordinal);
        var problems = new List<string>();
        for (var i = 0; i < file.Departments.Count; i++)
        {
            var department = file.Departments[i];
            if (department.ParentId is { } parent && !departments.Contains(parent))
            {
                problems.Add($"$.departments[{i}].parentId: no department '{parent}' in the file or the designer");
            }

            if (department.ManagerId is { } manager && !users.Contains(manager))
            {
                problems.Add($"$.departments[{i}].managerId: no user '{manager}' in the file or the designer");
            }
        }

        for (var i = 0; i < file.Users.Count; i++)
        {
            if (file.Users[i].DepartmentId is { } department && !departments.Contains(department))
            {
                problems.Add($"$.users[{i}].department: no department '{department}' in the file or the designer");
            }
        }

        if (problems.Count > 0)
        {
            throw new InvalidDataException(
                $"{file.FileName} was not imported, nothing was changed: {string.Join("; ", problems)}. Add the missing " +
                "departments or users to the file, or create them first, then import again.");
        }

        foreach (var department in file.Departments)
        {
            await accounts.SaveDepartmentAsync(
                new Department(department.Id, department.Name, department.ParentId, department.ManagerId), cancellationToken);
        }

        var hash = newUsers > 0 ? AccountStore.HashPassword(initialPassword) : null;
        foreach (var user in file.Users)
        {
            if (existing.TryGetValue(user.Id, out var account))
            {
                await accounts.UpdateAsync(
                    account with
                    {
                        DisplayName = user.DisplayName,
                        DepartmentId = user.DepartmentId,
                        Roles = user.Roles,
                        Attributes = user.Attributes,
                    },
                    cancellationToken);
            }
            else
            {
                await accounts.CreateAsync(
                    new NewUser(user.Id, user.DisplayName, initialPassword, user.DepartmentId, user.Roles, user.Attributes),
                    hash,
                    cancellationToken);
            }
        }

        return new AccountImportResult(file.Departments.Count, newUsers, file.Users.Count - newUsers);
    }
}
