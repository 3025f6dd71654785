namespace WorkflowKit.Designer.Accounts;

/// <summary>Outcome of <see cref="AccountStore.ChangePasswordAsync"/>; only <see cref="Changed"/> stored anything.</summary>
public enum PasswordChange
{
    /// <summary>The new password replaced the old one.</summary>
    Changed,

    /// <summary>The current password was wrong, or the account is disabled or gone.</summary>
    WrongPassword,

    /// <summary>The new password has fewer than <see cref="AccountStore.MinimumPasswordLength"/> characters.</summary>
    TooShort,

    /// <summary>The new password is the current one.</summary>
    Unchanged,
}
