namespace WorkflowKit.Designer.Localization;

/// <summary>
/// Simplified Chinese text of the form designer's lookup, record value, default value, row rule and title field
/// editors and of the related-record picker, merged into <see cref="ChineseStrings.Values"/>.
/// </summary>
public static class FieldEditorChineseStrings
{
    public static IReadOnlyDictionary<string, string> Values { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Lookup"] = "查找",
        ["Value must be a record of form"] = "取值必须是此表单的记录",
        ["The page offers the records of that form that the user may read."] = "页面列出该表单中用户可以查看的记录。",
        ["Field holding the value"] = "取值字段",
        ["When a record is picked, fill these fields of this form with the record's fields:"] = "选中记录后，用记录的字段填充本表单的这些字段：",
        ["Field to fill"] = "要填充的字段",
        ["Record field"] = "记录字段",
        ["Value from a record"] = "取自记录的值",
        ["Range from a record"] = "取自记录的范围",
        ["Record of form"] = "记录所属表单",
        ["The value must lie within a percentage of this record's value, such as a listed price."] = "取值必须在该记录值的百分比范围内，例如标价。",
        ["The server copies the record's value into this field when the flow starts; make the field read-only at the start node."] =
            "流程发起时服务器把记录的值复制到此字段；请在发起节点把此字段设为只读。",
        ["The record whose fields equal these fields of this form:"] = "匹配条件：记录的字段等于本表单的这些字段：",
        ["Field of this form"] = "本表单字段",
        ["Minimum (%)"] = "最低（%）",
        ["Maximum (%)"] = "最高（%）",
        ["Default value"] = "默认值",
        ["No default"] = "无默认值",
        ["A fixed value"] = "固定值",
        ["A formula"] = "公式",
        ["A JavaScript expression"] = "JavaScript 表达式",
        ["Ticked by default"] = "默认勾选",
        ["Formula, such as TODAY() or quantity * 2"] = "公式，例如 TODAY() 或 quantity * 2",
        ["JavaScript expression, such as form.quantity * 2"] = "JavaScript 表达式，例如 form.quantity * 2",
        ["Computed once when the form opens (and when a row is added); the user may change the value."] =
            "在表单打开时（以及添加行时）计算一次；用户可以修改该值。",
        ["A date such as 2026-12-31"] = "日期，例如 2026-12-31",
        ["A date and time with its offset, such as 2026-12-31T09:00:00+08:00"] = "带时区偏移的日期时间，例如 2026-12-31T09:00:00+08:00",
        ["A user id, such as sales1"] = "用户编号，例如 sales1",
        ["A department id"] = "部门编号",
        ["Row rules"] = "行规则",
        ["Add row rule"] = "添加行规则",
        ["Check this row."] = "请检查此行。",
        ["Names a record in lists, lookups and notifications; the first field when not set."] = "在列表、查找和通知中代表一条记录；未设置时使用第一个字段。",
        ["Show the record by"] = "记录显示字段",
        ["The field of the related form that the picker shows; that form's title field when not set."] = "选择框显示的关联表单字段；未设置时使用该表单的标题字段。",
        ["No matching record that you may read."] = "没有你可以查看的匹配记录。",
        ["{0} (record {1})"] = "{0}（记录 {1}）",
        ["Record {0}"] = "记录 {0}",
    };
}
