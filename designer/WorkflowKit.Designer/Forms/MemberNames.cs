using WorkflowKit.Designer.Accounts;

namespace WorkflowKit.Designer.Forms;

/// <summary>The people that a member field offers on the forms where a user enters new values.</summary>
public static class MemberNames
{
    /// <summary>
    /// Loads the display names of the organisation directory's users by user id. Disabled accounts are left out,
    /// because the engine's directory does not find them and rejects a member field that names one.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, string>> LoadAsync(
        AccountStore accounts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        var users = await accounts.ListAsync(cancellationToken);
        return users.Where(user => !user.Disabled)
            .ToDictionary(user => user.Id, user => user.DisplayName, StringComparer.Ordinal);
    }

    /// <summary>
    /// Loads the display names of every account by user id, disabled ones included, to show stored member values:
    /// a record keeps naming a person after the account is disabled.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, string>> LoadAllAsync(
        AccountStore accounts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        var users = await accounts.ListAsync(cancellationToken);
        return users.ToDictionary(user => user.Id, user => user.DisplayName, StringComparer.Ordinal);
    }
}
