namespace WorkflowKit.Designer.Localization;

/// <summary>
/// Simplified Chinese text of the flow designer's Schedule tab (<c>Flows/SchedulePanel</c>), merged into
/// <see cref="ChineseStrings.Values"/>.
/// </summary>
public static class ScheduleChineseStrings
{
    public static IReadOnlyDictionary<string, string> Values { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Schedule"] = "定时运行",
        ["Version {0} of this flow has no schedule trigger. Add one and publish to run the flow on a schedule."] =
            "此流程的第 {0} 版没有定时触发器。添加定时触发器并发布后，流程会按计划运行。",
        ["Time zone {0}"] = "时区 {0}",
        ["Next runs"] = "接下来的运行时间",
        ["Last run"] = "上次运行",
        ["Run now by {0} at {1}"] = "{0} 于 {1} 立即运行",
        ["Scheduled run at {0}"] = "{0} 按计划运行",
        ["ended at {0}"] = "结束于 {0}",
        ["The flow has not run on a schedule yet."] = "此流程还没有按计划运行过。",
        ["Run now"] = "立即运行",
        ["Runs published version {0} now, as you, the way the schedule runs it. The next scheduled runs do not change."] =
            "以你的身份立即运行已发布的第 {0} 版，方式与按计划运行相同。之后的计划运行时间不变。",
        ["Publish the flow to see when its schedules run."] = "发布流程后即可查看定时运行的时间。",
        ["The published version has no schedule trigger any more; reload the page."] = "已发布的版本不再有定时触发器，请刷新页面。",
        ["Started submission {0}."] = "已启动申请 {0}。",
    };
}
