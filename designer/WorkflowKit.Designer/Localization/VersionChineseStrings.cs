namespace WorkflowKit.Designer.Localization;

/// <summary>
/// Simplified Chinese text of the Versions tabs (<see cref="Versions.VersionsPanel"/>) and of the form and flow diff
/// pages, merged into <see cref="ChineseStrings.Values"/>.
/// </summary>
public static class VersionChineseStrings
{
    public static IReadOnlyDictionary<string, string> Values { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Compare"] = "对比",
        ["with"] = "与",
        ["restores v{0}"] = "恢复 v{0}",
        ["Restores version {0}."] = "恢复版本 {0}。",
        ["Replace unsaved changes?"] = "替换未保存的修改？",
        ["The draft has changes that are not saved. Loading version {0} replaces them, and they are lost. To keep them, cancel and click \"Save draft\" first."] =
            "草稿有未保存的修改。载入版本 {0} 会替换这些修改，修改将丢失。如需保留，请取消并先点击“保存草稿”。",
        ["Load version {0}"] = "载入版本 {0}",
        ["Keep my changes"] = "保留我的修改",
        ["(none)"] = "（无）",
        ["Flow settings changed"] = "流程设置已修改",
        ["Form settings changed"] = "表单设置已修改",
        ["Field added"] = "新增字段",
        ["Field removed"] = "删除字段",
        ["Field changed"] = "修改字段",
        ["Rule added"] = "新增规则",
        ["Rule removed"] = "删除规则",
        ["Rule changed"] = "修改规则",
    };
}
