using System.Globalization;

namespace WorkflowKit.Forms;

/// <summary>
/// Validation messages in Simplified Chinese (any "zh" culture) and English (every other
/// culture). Each names the field by its label and quotes the offending value.
/// </summary>
public sealed partial class FormMessages
{
    private static readonly FormMessages Chinese = new(CultureInfo.GetCultureInfo("zh-CN"), chinese: true);
    private static readonly FormMessages English = new(CultureInfo.GetCultureInfo("en"), chinese: false);

    private readonly bool _zh;

    private FormMessages(CultureInfo culture, bool chinese)
    {
        Culture = culture;
        _zh = chinese;
    }

    public CultureInfo Culture { get; }

    public static FormMessages For(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return culture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? Chinese : English;
    }

    public string Required(string label) => _zh ? $"“{label}” 为必填项" : $"\"{label}\" is required";

    public string ExpectedType(string label, string expectedZh, string expectedEn, string value) => _zh
        ? $"“{label}” 需要{expectedZh}，收到 {value}"
        : $"\"{label}\" expects {expectedEn}, got {value}";

    public string BelowMinimum(string label, string value, string minimum) => _zh
        ? $"“{label}” 的值 {value} 小于最小值 {minimum}"
        : $"\"{label}\" value {value} is less than the minimum {minimum}";

    public string AboveMaximum(string label, string value, string maximum) => _zh
        ? $"“{label}” 的值 {value} 大于最大值 {maximum}"
        : $"\"{label}\" value {value} is greater than the maximum {maximum}";

    public string TimeBeforeMinimum(string label, string value, string minimum) => _zh
        ? $"“{label}” 的时间 {value} 早于允许的最早时间 {minimum}"
        : $"\"{label}\" time {value} is earlier than the earliest allowed time {minimum}";

    public string TimeAfterMaximum(string label, string value, string maximum) => _zh
        ? $"“{label}” 的时间 {value} 晚于允许的最晚时间 {maximum}"
        : $"\"{label}\" time {value} is later than the latest allowed time {maximum}";

    public string TooManyDecimals(string label, string value, int scale) => scale == 0
        ? _zh ? $"“{label}” 的值 {value} 必须是整数" : $"\"{label}\" value {value} must be a whole number"
        : _zh ? $"“{label}” 的值 {value} 最多允许 {scale} 位小数"
        : $"\"{label}\" value {value} has more than {scale} decimal places";

    public string TooShort(string label, int length, int minimum) => _zh
        ? $"“{label}” 的长度为 {length} 个字符，至少需要 {minimum} 个"
        : $"\"{label}\" is {length} characters long; at least {minimum} are required";

    public string TooLong(string label, int length, int maximum) => _zh
        ? $"“{label}” 的长度为 {length} 个字符，最多允许 {maximum} 个"
        : $"\"{label}\" is {length} characters long; at most {maximum} are allowed";

    public string PatternMismatch(string label, string value, string pattern) => _zh
        ? $"“{label}” 的值 {value} 不符合格式 {pattern}"
        : $"\"{label}\" value {value} does not match the pattern {pattern}";

    public string NotAnOption(string label, string value, string allowed) => _zh
        ? $"“{label}” 的值 {value} 不是可选项（可选：{allowed}）"
        : $"\"{label}\" value {value} is not one of the options ({allowed})";

    public string NotAllowedByLinkage(string label, string value, string sourceLabel, string sourceValue) => _zh
        ? $"“{label}” 的值 {value} 在 “{sourceLabel}” 为 {sourceValue} 时不可选"
        : $"\"{label}\" value {value} is not allowed when \"{sourceLabel}\" is {sourceValue}";

    public string NotUnique(string label, string value) => _zh
        ? $"“{label}” 的值 {value} 已被其他记录使用"
        : $"\"{label}\" value {value} is already used by another record";

    public string SerialNotInPattern(string label, string value, string pattern, string example) => _zh
        ? $"“{label}” 的值 {value} 不符合流水号格式 {pattern}（例如 {example}）"
        : $"\"{label}\" value {value} does not fit the serial number format {pattern}, such as {example}";

    public string SerialTaken(string label, string value) => _zh
        ? $"“{label}” 的编号 {value} 已被其他记录使用（包括已删除的记录）"
        : $"\"{label}\" number {value} is already used by another record, deleted records included";

    /// <summary>A sub-table value that an earlier row of the same table already holds; rows count from 1.</summary>
    public string RepeatedInTable(string label, string value, int firstRow) => _zh
        ? $"“{label}” 的值 {value} 与第 {firstRow} 行重复"
        : $"\"{label}\" value {value} repeats row {firstRow}";

    public string UnknownMember(string label, string value) => _zh
        ? $"“{label}” 中的成员 {value} 不存在"
        : $"\"{label}\": member {value} does not exist";

    public string UnknownDepartment(string label, string value) => _zh
        ? $"“{label}” 中的部门 {value} 不存在"
        : $"\"{label}\": department {value} does not exist";

    public string UnknownRecord(string label, string value, string form) => _zh
        ? $"“{label}” 引用的 {form} 记录 {value} 不存在或无权查看"
        : $"\"{label}\": record {value} of form {form} does not exist or is not visible to you";

    public string NoLookupRecord(string label, string value, string form, string field) => _zh
        ? $"“{label}” 的值 {value} 不是你可查看的 {form} 记录的 {field}，请从你有权查看的记录中选择"
        : $"\"{label}\": {value} is not the {field} of a {form} record you may read; choose one of the records you can see";

    public string NoRangeRecord(string label, string rowName, string form, string criteria) => _zh
        ? $"{rowName}“{label}”无法核对：没有你可查看的 {form} 记录满足 {criteria}，请先维护该记录"
        : $"{rowName}\"{label}\" cannot be checked: no {form} record you may read has {criteria}; add that record first";

    public string NoValidRangeRecord(string label, string rowName, string form, string criteria, string date) => _zh
        ? $"{rowName}“{label}”无法核对：没有你可查看的 {form} 记录满足 {criteria} 且在 {date} 有效，请先维护该日期有效的记录"
        : $"{rowName}\"{label}\" cannot be checked: no {form} record you may read has {criteria} and is valid on " +
          $"{date}; add a record valid on that date first";

    public string NoValidRecordValue(string label, string form, string criteria, string date) => _zh
        ? $"“{label}”无法带出：没有你可查看的 {form} 记录满足 {criteria} 且在 {date} 有效，请先维护该日期有效的记录"
        : $"\"{label}\" cannot be filled: no {form} record you may read has {criteria} and is valid on {date}; add " +
          "a record valid on that date first";

    public string BelowRange(string label, string rowName, string value, string minimum, string percent, string form,
        string reference) => _zh
        ? $"{rowName}“{label}” {value} 低于最低值 {minimum}（{form} 中的 {reference} 的 {percent}%）"
        : $"{rowName}\"{label}\" {value} is below the minimum {minimum} ({percent}% of {reference} in {form})";

    public string AboveRange(string label, string rowName, string value, string maximum, string percent, string form,
        string reference) => _zh
        ? $"{rowName}“{label}” {value} 高于最高值 {maximum}（{form} 中的 {reference} 的 {percent}%）"
        : $"{rowName}\"{label}\" {value} is above the maximum {maximum} ({percent}% of {reference} in {form})";

    public string RowName(int rowIndex) => _zh ? $"第 {rowIndex + 1} 行：" : $"Row {rowIndex + 1}: ";

    public string FileTypeNotAccepted(string label, string value, string accepted) => _zh
        ? $"“{label}” 不接受文件 {value}（允许：{accepted}）"
        : $"\"{label}\" does not accept file {value} (allowed: {accepted})";

    public string AddressIncomplete(string label, string level) => _zh
        ? $"“{label}” 需要选到{AddressLevelName(level)}"
        : $"\"{label}\" must be filled in down to the {level} level";

    public string AddressDetailMissing(string label) => _zh
        ? $"“{label}” 需要填写详细地址（街道、门牌号）"
        : $"\"{label}\" needs a detail line (street and number)";

    public string BidiControl(string label, string codePoint, int position) => _zh
        ? $"“{label}” 第 {position} 个字符是不可见的文字方向控制符 {codePoint}，它会让文字倒着或错位显示；请删除该字符（或重新输入这段文字）后再提交"
        : $"\"{label}\" contains the invisible text direction control {codePoint} at character {position}, which " +
          "makes text display reversed or out of order; delete it (or retype the text) and submit again";

    private static string AddressLevelName(string level) => level switch
    {
        "province" => "省级",
        "city" => "市级",
        "district" => "区县级",
        "street" => "街道（乡镇）级",
        _ => level,
    };

    public string TooFewRows(string label, int count, int minimum) => _zh
        ? $"“{label}” 至少需要 {minimum} 行，当前 {count} 行"
        : $"\"{label}\" needs at least {minimum} rows, has {count}";

    public string TooManyRows(string label, int count, int maximum) => _zh
        ? $"“{label}” 最多允许 {maximum} 行，当前 {count} 行"
        : $"\"{label}\" allows at most {maximum} rows, has {count}";

    public string ReadOnly(string label) => _zh
        ? $"“{label}” 在此步骤为只读，不能修改"
        : $"\"{label}\" is read-only at this step and cannot be changed";

    public string RowAddNotAllowed(string label) => _zh
        ? $"“{label}” 在此步骤不能新增行"
        : $"\"{label}\" does not allow adding rows at this step";

    public string RowEditNotAllowed(string label) => _zh
        ? $"“{label}” 在此步骤不能修改行"
        : $"\"{label}\" does not allow editing rows at this step";

    public string RowDeleteNotAllowed(string label) => _zh
        ? $"“{label}” 在此步骤不能删除行"
        : $"\"{label}\" does not allow deleting rows at this step";

    public string RuleFailed(string ruleId, string reason) => _zh
        ? $"规则 “{ruleId}” 无法计算：{reason}"
        : $"Rule \"{ruleId}\" could not be evaluated: {reason}";

    public string UnknownField(string id) => _zh
        ? $"表单中没有字段 “{id}”"
        : $"The form has no field \"{id}\"";
}
