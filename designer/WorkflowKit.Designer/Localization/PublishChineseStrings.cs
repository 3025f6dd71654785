namespace WorkflowKit.Designer.Localization;

/// <summary>
/// Simplified Chinese text of the publish dialog, of the form designer's list of flows on an older form version
/// (<see cref="Forms.FlowsOnOlderFormPanel"/>) and of the flow canvas hint, merged into
/// <see cref="ChineseStrings.Values"/>.
/// </summary>
public static class PublishChineseStrings
{
    public static IReadOnlyDictionary<string, string> Values { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Publish {0}"] = "发布“{0}”",
        ["Comment (optional)"] = "说明（可选）",
        ["Shown in the Versions table, for example what changed and why."] = "显示在版本列表中，例如改了什么、为什么改。",
        ["Publishing creates a new version of the flow. New submissions use it; submissions already running stay on the version they started with."] =
            "发布会生成流程的新版本。新的申请使用新版本；已在进行中的申请仍按发起时的版本运行。",
        ["Publishing creates a new version of the form. Flows keep the form version they were published with until they are published again; this page then lists them."] =
            "发布会生成表单的新版本。流程在重新发布之前仍使用发布时的表单版本；发布后本页会列出这些流程。",
        ["These flows still use an older version of this form, so their new submissions do not show its latest changes. Publish each flow again to use the latest version:"] =
            "以下流程仍使用此表单的旧版本，新的申请看不到表单的最新修改。重新发布流程即可使用最新版本：",
        ["flow v{0} uses form v{1}; the latest form is v{2}."] = "流程 v{0} 使用表单 v{1}；表单的最新版本是 v{2}。",
        ["Publish flow"] = "发布流程",
        ["Publish all these flows"] = "发布以上全部流程",
        ["Flow \"{0}\" was not published because of these errors. Fix them in the flow designer and publish it there:"] =
            "流程“{0}”因以下错误未能发布。请在流程设计器中修正后在那里发布：",
        ["Open the flow designer"] = "打开流程设计器",
        ["Uses form {0} v{1}."] = "使用表单 {0} v{1}。",
        ["Published flow \"{0}\" as version {1}."] = "已将流程“{0}”发布为版本 {1}。",
        ["Nothing changed since version {0}, so no new version was published."] = "自版本 {0} 以来没有改动，未发布新版本。",
        ["Drag the canvas to see the rest of the flow."] = "拖动画布可查看流程的其余部分。",
    };
}
