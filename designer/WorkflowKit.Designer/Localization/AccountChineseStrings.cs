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
        ["Choose a file and import"] = "选择文件并导入",
        ["Current password"] = "当前密码",
        ["Import users from a file"] = "从文件导入用户",
        ["A JSON file of departments and users in the format of samples/data/users.json. Users already here keep their password; new users get the initial password below."] =
            "JSON 文件，包含部门和用户，格式同 samples/data/users.json。已有用户保留原密码，新用户使用下面的初始密码。",
        ["Imported {0}: {1} users created, {2} updated, {3} departments saved."] = "已导入 {0}：新建 {1} 个用户，更新 {2} 个，保存 {3} 个部门。",
        ["Initial password of new users"] = "新用户的初始密码",
        ["New users need an initial password of at least {0} characters. Type one, then choose the file again."] =
            "新用户需要至少 {0} 个字符的初始密码。请先填写初始密码，再重新选择文件。",
        ["The file was not imported and nothing was changed. Details:"] = "文件未导入，未做任何更改。详情：",
        ["New password"] = "新密码",
        ["New password again"] = "再次输入新密码",
        ["Password changed. Every session signed in with the old password has ended; sign in with the new one."] =
            "密码已修改，用旧密码登录的会话均已退出；请用新密码登录。",
        ["Password of {0} set. Give it to the user, who can change it under Change password."] =
            "已设置 {0} 的密码。请告知本人，本人可在“修改密码”中自行更改。",
        ["Set password"] = "设置密码",
        ["The current password is wrong. Type the password you signed in with."] = "当前密码不正确，请输入登录时使用的密码。",
        ["The new password is the current one. Choose a different password."] = "新密码与当前密码相同，请换一个密码。",
        ["The new password is too short. Use at least {0} characters."] = "新密码太短，请至少使用 {0} 个字符。",
        ["The two new passwords differ. Type the same new password twice."] = "两次输入的新密码不一致，请输入相同的新密码。",
    };
}
