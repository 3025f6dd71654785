namespace WorkflowKit.Designer.Localization;

/// <summary>
/// Simplified Chinese text of the task and instance pages' file previews and date and time pickers and of the record
/// page's edit, merged into
/// <see cref="ChineseStrings.Values"/>.
/// </summary>
public static class PortalDetailChineseStrings
{
    public static IReadOnlyDictionary<string, string> Values { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Open the full image"] = "查看原图",
        ["You may not open this file."] = "你无权打开此文件。",
        ["Time"] = "时间",
        ["Edit this record"] = "编辑这条记录",
        ["{0} changed this record at {1} (now version {2}), after you opened it. Reload it to see their change, then make yours again."] =
            "{0} 在 {1} 修改了这条记录（现为版本 {2}），在你打开它之后。请重新加载查看对方的修改，再重新做你的修改。",
        ["Reload"] = "重新加载",
        ["The record was saved as version {0}."] = "记录已保存为版本 {0}。",
    };
}
