namespace WorkflowKit.Designer.Localization;

/// <summary>
/// Simplified Chinese text of the portal's layout and work pages: the skip link, the app bar's user menu and the
/// message when another user decided a task first, and the draft bar of start and task forms, merged into <see cref="ChineseStrings.Values"/>.
/// </summary>
public static class PortalUseChineseStrings
{
    public static IReadOnlyDictionary<string, string> Values { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Skip to content"] = "跳到主要内容",
        ["User menu"] = "用户菜单",
        ["{0} already decided \"{1}\" at {2} ({3} time), so your action was not saved. This task is closed."] =
            "{0} 已于 {2}（{3} 时间）处理了“{1}”，你的操作没有保存。此任务已关闭。",
        ["{0} already decided \"{1}\", so your action was not saved. This task is closed."] =
            "{0} 已处理了“{1}”，你的操作没有保存。此任务已关闭。",
        ["{0} decided \"{1}\" at {2} ({3} time) while you had this task open. This task is closed."] =
            "你打开此任务期间，{0} 已于 {2}（{3} 时间）处理了“{1}”。此任务已关闭。",
        ["Restored your draft saved at {0}."] = "已恢复你在 {0} 保存的草稿。",
        ["Attachments are not kept in drafts, so attach them again."] = "草稿不保存附件，请重新上传。",
        ["The draft was saved under version {0} of this flow, and the form of version {1}, published since, differs."] =
            "草稿保存于此流程的第 {0} 版，之后发布的第 {1} 版表单已有变化。",
        ["Fields that no longer exist were left out: {0}."] = "已舍弃不再存在的字段：{0}。",
        ["Discard draft"] = "放弃草稿",
        ["This form has input that you have not submitted. A draft of it is kept, so it comes back when you open this form again."] =
            "此表单有尚未提交的内容。系统已保存草稿，再次打开此表单时会恢复。",
    };
}
