namespace WorkflowKit.Designer.Localization;

/// <summary>
/// Simplified Chinese text of the notifications page and the app bar's unread badge, merged into
/// <see cref="ChineseStrings.Values"/>.
/// </summary>
public static class NotificationChineseStrings
{
    public static IReadOnlyDictionary<string, string> Values { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Notifications"] = "通知",
        ["Unread notifications: {0}"] = "未读通知：{0}",
        ["Mark as read"] = "标为已读",
        ["Mark all as read"] = "全部标为已读",
        ["No notifications yet."] = "暂无通知。",
        ["Unread"] = "未读",
        ["Read at {0}"] = "已读于 {0}",
        ["New task"] = "新任务",
        ["Deadline reminder"] = "到期提醒",
        ["Escalated away"] = "已升级转出",
        ["Delegation loop"] = "代理循环",
        ["Open submission"] = "打开申请",
        ["Show unread only"] = "只看未读",
        ["{0}-{1} of {2}"] = "第 {0}-{1} 条，共 {2} 条",
    };
}
