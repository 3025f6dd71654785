namespace WorkflowKit.Designer.Localization;

/// <summary>
/// Simplified Chinese text of the admin pages' error messages and of the <see cref="Services.InvalidInputException"/>
/// formats, merged into <see cref="ChineseStrings.Values"/>.
/// </summary>
public static class AdminErrorChineseStrings
{
    public static IReadOnlyDictionary<string, string> Values { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["The password of '{0}' has {1} characters; use at least {2}."] = "“{0}”的密码只有 {1} 个字符，请至少使用 {2} 个字符。",
        ["Unsupported UI language '{0}'; expected one of {1}."] = "不支持界面语言“{0}”，请选择 {1} 之一。",
        ["No user with id '{0}'; reload the page."] = "用户“{0}”不存在，请刷新页面。",
        ["The new password of '{0}' has {1} characters; use at least {2}."] = "“{0}”的新密码只有 {1} 个字符，请至少使用 {2} 个字符。",
        ["Role key '{0}' is invalid; use 2 to 40 lower-case letters, digits or hyphens, starting with a letter, such as 'qa-reviewer'."] =
            "角色标识“{0}”无效。请使用 2 到 40 个小写字母、数字或连字符，并以字母开头，例如 qa-reviewer。",
        ["Role '{0}' has no name; type a Chinese or an English name."] = "角色“{0}”没有名称，请填写中文或英文名称。",
        ["A role with key '{0}' already exists; choose another key."] = "标识为“{0}”的角色已存在，请换一个标识。",
        ["Role '{0}' was not found; reload the roles page."] = "找不到角色“{0}”，请刷新角色页面。",
        ["Role '{0}' was not created on the roles page and cannot be deleted here."] = "角色“{0}”不是在角色页面创建的，不能在这里删除。",
        ["Role '{0}' is used by the published flows {1}; publish them without this role first."] =
            "已发布的流程 {1} 使用了角色“{0}”，请先发布不再使用该角色的版本。",
        ["Role '{0}' still has {1} member(s) ({2}); remove them first."] = "角色“{0}”还有 {1} 个成员（{2}），请先移除他们。",
        ["A saved view needs a name; type one and save again."] = "保存视图需要名称，请填写后再保存。",
        [Records.RecordService.UnknownFormText] = "没有标识为“{0}”的已发布表单；请检查表单标识，或先发布该表单。",
        ["File \"{0}\" is not a .csv or .xlsx file. Save it from Excel as CSV UTF-8 or as an Excel workbook (.xlsx) and choose it again."] =
            "文件“{0}”不是 .csv 或 .xlsx 文件。请在 Excel 中另存为 CSV UTF-8 或 Excel 工作簿（.xlsx）后重新选择。",
        ["File \"{0}\" is {1:0.0} MB, but the import takes files of at most {2} MB. Split its rows into several files and import them one after another."] =
            "文件“{0}”有 {1:0.0} MB，但导入的文件最大 {2} MB。请把数据行拆分到几个文件中，逐个导入。",
        ["File \"{0}\" could not be uploaded. Choose it again; if this keeps happening, tell an administrator. The details are in the server log."] =
            "文件“{0}”上传失败。请重新选择；如果一直失败，请联系管理员。详细信息见服务器日志。",
        ["The saved mapping \"{0}\" could not be read, so it was not applied. Map the columns by hand, or ask an administrator to fix the mapping file. The details are in the server log."] =
            "无法读取已保存的映射“{0}”，因此未应用。请手动映射各列，或请管理员修正映射文件。详细信息见服务器日志。",
        ["You may not create records of form {0}, so nothing was imported. Ask an administrator for a data permission rule with the Create action on this form."] =
            "您没有新建表单 {0} 记录的权限，因此没有导入任何数据。请联系管理员为此表单添加含“新建”操作的数据权限规则。",
        ["The roles of {0} kept changing while this page saved them, so role {1} was not changed. Try again."] =
            "保存时 {0} 的角色一直在被修改，因此角色“{1}”未更改。请重试。",
        ["The data permission rules of form {0} were not saved because one of them is invalid. Reload the page, check each rule and save again. The details are in the server log."] =
            "表单 {0} 的数据权限规则未保存，因为其中有一条无效。请刷新页面，检查每条规则后重新保存。详细信息见服务器日志。",
        ["Type a user name for the new user."] = "请填写新用户的用户名。",
        ["File \"{0}\" is {1:0.0} MB, but a users file may have at most {2} MB. Split it into several files and import them one after another."] =
            "文件“{0}”有 {1:0.0} MB，但用户文件最大 {2} MB。请拆分为几个文件，逐个导入。",
        ["The package was not imported, and nothing in it was published. Fix the errors listed here in the package's files, then preview and import it again."] =
            "模板包未导入，其中的内容均未发布。请在模板包的文件中修正此处列出的错误，然后重新预览并导入。",
    };
}
