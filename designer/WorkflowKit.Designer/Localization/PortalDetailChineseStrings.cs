namespace WorkflowKit.Designer.Localization;

/// <summary>
/// Simplified Chinese text of the task and instance pages' file previews and date and time pickers, merged into
/// <see cref="ChineseStrings.Values"/>.
/// </summary>
public static class PortalDetailChineseStrings
{
    public static IReadOnlyDictionary<string, string> Values { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Open the full image"] = "查看原图",
        ["You may not open this file."] = "你无权打开此文件。",
        ["Time"] = "时间",
    };
}
