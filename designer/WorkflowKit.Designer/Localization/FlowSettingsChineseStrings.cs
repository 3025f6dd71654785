namespace WorkflowKit.Designer.Localization;

/// <summary>
/// Simplified Chinese text of the flow settings' starters, owner and parameters sections
/// (<see cref="Flows.StarterSettings"/>, <see cref="Flows.OwnerSettings"/>, <see cref="Flows.ParameterSettings"/>) and of the validator's parameter
/// messages, merged into <see cref="ChineseStrings.Values"/>.
/// </summary>
public static class FlowSettingsChineseStrings
{
    public static IReadOnlyDictionary<string, string> Values { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Who may start"] = "谁可以发起",
        ["Anyone"] = "任何人",
        ["Only the users, roles and departments below"] = "仅限下列用户、角色和部门",
        ["Add who may start"] = "添加可发起的人",
        ["Anyone signed in may start the flow from a form, the API or the command line."] =
            "任何已登录的人都可以通过表单、API 或命令行发起此流程。",
        ["Nobody may start the flow by hand: only schedules, record triggers, imports and sub-flow nodes start it. Add a user, role or department, or choose \"Anyone\"."] =
            "没有人可以手动发起此流程，只有定时、记录触发、导入和子流程节点会发起它。请添加用户、角色或部门，或选择“任何人”。",
        ["Only the users listed, members of the roles listed and people in the departments listed may start the flow by hand. Schedules, record triggers, imports and sub-flow nodes still start it."] =
            "只有列出的用户、列出角色的成员和列出部门的人员可以手动发起此流程。定时、记录触发、导入和子流程节点仍会发起它。",
        ["Process owner"] = "流程负责人",
        ["When the delegations of the people a task is meant for form a loop and all of them are away, the task goes to the step's escalation target outside the loop, else to the process owner."] =
            "当任务处理人的代理设置形成循环且他们都不在岗时，任务交给此步骤循环之外的升级对象；没有时交给流程负责人。",
        ["Parameters"] = "参数",
        ["Values the flow's scripts and conditions read as params.ID, such as a limit or a number of days. A new value applies to requests started after the next publish."] =
            "流程的脚本和条件以 params.编号 读取的值，例如一个上限或天数。新值对下次发布后发起的申请生效。",
        ["Edit parameter"] = "编辑参数",
        ["Id (read as params.ID)"] = "编号（以 params.编号 读取）",
        ["Yes or no"] = "是或否",
        ["Add parameter"] = "添加参数",
        ["{0} to {1}"] = "{0} 至 {1}",
        ["at least {0}"] = "不小于 {0}",
        ["at most {0}"] = "不大于 {0}",
        ["not below {0}"] = "不低于{0}",
        ["Allowed: {0}."] = "允许范围：{0}。",
        ["Enter at least {0}."] = "请输入不小于 {0} 的值。",
        ["Enter at most {0}."] = "请输入不大于 {0} 的值。",
        ["Enter at least {0}, the value of {1}."] = "请输入不小于 {0} 的值（即{1}的值）。",
        ["Parameter \"{0}\" is {1}, outside its allowed range: {2}. Enter a value within it in the \"{3}\" section."] =
            "参数“{0}”为 {1}，超出允许范围：{2}。请在“{3}”中输入范围内的值。",
        ["Parameter \"{0}\" is used twice. Give one of them another id under \"{1}\"."] =
            "参数“{0}”重复。请在“{1}”中为其中一个换一个编号。",
        ["Parameter \"{0}\" has no valid value. Enter a value in the \"{1}\" section."] =
            "参数“{0}”的值无效。请在“{1}”中填写值。",
        ["{0} reads parameter \"{1}\", which the flow does not have. Add it in the \"{2}\" section of the flow settings, or correct the name."] =
            "{0}读取了参数“{1}”，但流程中没有该参数。请在流程设置的“{2}”中添加，或改正名称。",
    };
}
