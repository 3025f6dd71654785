namespace WorkflowKit.Designer.Localization;

/// <summary>
/// Simplified Chinese text of the password pages and actions, merged into <see cref="ChineseStrings.Values"/>.
/// </summary>
public static class AccountChineseStrings
{
    public static IReadOnlyDictionary<string, string> Values { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["At least {0} characters"] = "至少 {0} 个字符",
        ["Change password"] = "修改密码",
        ["Current password"] = "当前密码",
        ["New password"] = "新密码",
        ["New password again"] = "再次输入新密码",
        ["Password changed. Use the new password the next time you sign in."] = "密码已修改，下次登录请使用新密码。",
        ["Password of {0} set. Give it to the user, who can change it under Change password."] =
            "已设置 {0} 的密码。请告知本人，本人可在“修改密码”中自行更改。",
        ["Set password"] = "设置密码",
        ["The current password is wrong. Type the password you signed in with."] = "当前密码不正确，请输入登录时使用的密码。",
        ["The new password is the current one. Choose a different password."] = "新密码与当前密码相同，请换一个密码。",
        ["The new password is too short. Use at least {0} characters."] = "新密码太短，请至少使用 {0} 个字符。",
        ["The two new passwords differ. Type the same new password twice."] = "两次输入的新密码不一致，请输入相同的新密码。",
    };
}
