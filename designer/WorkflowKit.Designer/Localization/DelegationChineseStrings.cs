namespace WorkflowKit.Designer.Localization;

/// <summary>
/// Simplified Chinese text of the delegation pages (代理审批) and their messages, merged into
/// <see cref="ChineseStrings.Values"/>.
/// </summary>
public static class DelegationChineseStrings
{
    public static IReadOnlyDictionary<string, string> Values { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["A flow in the filter is blank; remove it."] = "流程筛选中有空项，请删除。",
        ["All delegations"] = "全部代理设置",
        ["All flows"] = "全部流程",
        ["Also move the tasks already open when the period starts"] = "代理开始时，把已有的待办任务也转给代理人",
        ["Choose a delegate."] = "请选择代理人。",
        ["Choose the user whose tasks should be delegated."] = "请选择要委托任务的用户。",
        ["Create delegation"] = "创建代理",
        ["Delegate"] = "代理人",
        ["Delegated task"] = "代理任务",
        ["Delegation to {0} saved."] = "已保存委托给 {0} 的代理设置。",
        ["Delegation while away"] = "离开期间的代理审批",
        ["Delegations"] = "代理审批",
        ["End now"] = "立即结束",
        ["Ended"] = "已结束",
        ["Enter both the start and the end."] = "请填写开始时间和结束时间。",
        ["A flow in the filter is not published; pick a published flow."] = "所选流程中有未发布的流程，请选择已发布的流程。",
        ["Flows (none: all flows)"] = "流程（不选则为全部流程）",
        ["gave the task to a delegate"] = "将任务交给了代理人",
        ["In force"] = "生效中",
        ["kept the task from the delegate"] = "未将任务交给代理人",
        ["sent the task out of a delegation loop"] = "因代理循环将任务转出",
        ["My delegations"] = "我的代理设置",
        ["New delegation"] = "新建代理",
        ["No delegations yet."] = "还没有代理设置。",
        ["Note"] = "备注",
        ["Only administrators delegate for other users."] = "只有管理员可以为其他用户设置代理。",
        ["Scheduled"] = "未开始",
        ["The delegate is unknown or disabled; choose an active user."] = "代理人不存在或已停用，请选择在用的用户。",
        ["The end has already passed; choose a later end."] = "结束时间已过，请选择更晚的结束时间。",
        ["The end must be after the start."] = "结束时间必须晚于开始时间。",
        ["The note may have at most {0} characters."] = "备注最多 {0} 个字符。",
        ["This delegation has already ended."] = "此代理已经结束。",
        ["This delegation no longer exists; reload the page."] = "此代理已不存在，请刷新页面。",
        ["This period overlaps the delegation to {0} for the same flows; end that delegation first, choose another period or pick other flows."] =
            "此时间段与委托给 {0} 的代理在相同流程上重叠，请先结束该代理、选择其他时间段或选择其他流程。",
        ["Times are in the time zone {0}."] = "时间按 {0} 时区填写和显示。",
        ["While a delegation is in force, new tasks of the user go to the delegate, who acts on the user's behalf."] =
            "代理生效期间，该用户的新任务会转给代理人，由代理人代为处理。",
        ["You cannot delegate to yourself; choose another person."] = "不能委托给自己，请选择其他人。",
    };
}
