namespace WorkflowKit.Designer.Localization;

/// <summary>
/// Simplified Chinese text of the datetime, address, department and serial inputs, merged into
/// <see cref="ChineseStrings.Values"/>.
/// </summary>
public static class FieldEntryChineseStrings
{
    public static IReadOnlyDictionary<string, string> Values { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["\"{0}\" is not a date and time. Pick a date and a time."] = "“{0}”不是日期时间，请选择日期和时间。",
        ["{0} (unknown department)"] = "{0}（未知部门）",
        ["Province"] = "省",
        ["City"] = "市",
        ["District"] = "区县",
        ["Street or town"] = "街道或乡镇",
        ["Detail (street and number)"] = "详细地址（街道、门牌号）",
        ["Choose down to"] = "选择到",
        ["Ask for a detail line (street and number)"] = "需要填写详细地址（街道、门牌号）",
        ["Not assigned"] = "不生成",
        ["This flow stores no record, so it assigns no serial number."] = "此流程不保存记录，因此不生成流水号。",
    };
}
