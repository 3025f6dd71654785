using System.Globalization;
using WorkflowKit.Definitions.Forms;

namespace WorkflowKit.Import;

/// <summary>
/// The text of the errors for a mapping that does not fit a file's header or its form, in Chinese for zh cultures and
/// in English otherwise. The caller puts the file name in front, so each message names the column and the field and
/// states how to fix the mapping or the file.
/// </summary>
internal static class ImportMappingMessages
{
    public static string UnknownField(
        string column, string fieldId, FormDefinition form, IEnumerable<string> fieldIds, CultureInfo culture) =>
        ImportMessages.IsChinese(culture)
            ? $"映射把{ColumnName(column, zh: true)}对应到字段 “{fieldId}”，但表单 “{form.Key}” 没有这个字段；请改为以下字段之一：" +
              $"{string.Join("、", fieldIds)}。"
            : $"The mapping sends {ColumnName(column, zh: false)} to field '{fieldId}', which form '{form.Key}' does " +
              $"not have; expected one of {string.Join(", ", fieldIds)}.";

    public static string AssignedOnSave(string column, FieldDefinition field, CultureInfo culture) =>
        ImportMessages.IsChinese(culture)
            ? $"字段 {FieldName(field, culture)} 是公式字段，保存时自动计算；" +
              $"请从映射中删除{ColumnName(column, zh: true)}。"
            : $"Field '{field.Id}' is a formula field whose value is computed on save; remove " +
              $"{ColumnName(column, zh: false)} from the mapping.";

    public static string FieldMappedTwice(string first, string second, FieldDefinition field, CultureInfo culture) =>
        ImportMessages.IsChinese(culture)
            ? $"映射把{ColumnName(first, zh: true)}和{ColumnName(second, zh: true)}都对应到字段 {FieldName(field, culture)}；" +
              "每个字段只能从一列导入，请把其中一列改为其他字段，或不导入这一列。"
            : $"The mapping sends {ColumnName(first, zh: false)} and {ColumnName(second, zh: false)} to field " +
              $"'{field.Id}'; map each field from one column only.";

    public static string ColumnNotInHeader(string column, IReadOnlyList<string> headers, CultureInfo culture) =>
        ImportMessages.IsChinese(culture)
            ? $"表头中没有{ColumnName(column, zh: true)}；表头包含：{HeaderList(headers, zh: true)}。请在映射中改选表头中的列，" +
              "或检查是否选错了文件。"
            : $"{Capitalize(ColumnName(column, zh: false))} is not in the file's header; the header has: " +
              $"{HeaderList(headers, zh: false)}.";

    public static string OccurrenceMissing(string column, int occurrence, int count, CultureInfo culture) =>
        ImportMessages.IsChinese(culture)
            ? $"映射要求取表头中第 {occurrence} 个{ColumnName(column, zh: true)}，但表头中只有 {count} 个；请把 “occurrence” " +
              $"改为 1 到 {count} 之间的数。"
            : $"The mapping asks for occurrence {occurrence} of {ColumnName(column, zh: false)}, but the header has " +
              $"it {count} time(s).";

    public static string DuplicateHeader(
        string column, IReadOnlyList<int> positions, FieldDefinition? field, string fieldId, CultureInfo culture)
    {
        if (ImportMessages.IsChinese(culture))
        {
            var numbers = string.Join("、", positions.Select(Number));
            var target = field is null ? $"“{fieldId}”" : FieldName(field, culture);
            return $"{ColumnName(column, zh: true)}在表头中出现了 {positions.Count} 次（第 {numbers} 列），无法确定把哪一列导入字段 " +
                $"{target}；请重命名其中一列，或在映射中用 \"occurrence\": 1 指定第一列、2 指定第二列。";
        }

        var englishNumbers = string.Join(" and ", positions.Select(Number));
        return $"{Capitalize(ColumnName(column, zh: false))} appears {positions.Count} times in the header (columns " +
            $"{englishNumbers}), so it is unclear which one to import into '{fieldId}'; rename one of them, or map " +
            "it with \"occurrence\": 1 for the first or 2 for the second.";
    }

    /// <summary>Puts the file name in front of a mapping error.</summary>
    public static string InFile(string file, string message, CultureInfo culture) =>
        ImportMessages.IsChinese(culture) ? $"{file}：{message}" : $"{file}: {message}";

    private static string Number(int index) => (index + 1).ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Lists header texts in quotes, naming a blank header by its 1-based position, such as
    /// <c>"sku", column 2 (blank header), "price"</c>, so that an empty name does not show as <c>, ,</c>.
    /// </summary>
    private static string HeaderList(IReadOnlyList<string> headers, bool zh) =>
        string.Join(zh ? "、" : ", ", headers.Select((header, index) => (string.IsNullOrWhiteSpace(header), zh) switch
        {
            (true, true) => $"第 {Number(index)} 列（表头为空）",
            (true, false) => $"column {Number(index)} (blank header)",
            (false, true) => $"“{header}”",
            (false, false) => $"\"{header}\"",
        }));

    // A mapping entry's column: column "Name", or the column with a blank header for a mapping made on the designer's
    // import page from a blank header.
    private static string ColumnName(string column, bool zh) => (string.IsNullOrWhiteSpace(column), zh) switch
    {
        (true, true) => "表头为空的列",
        (true, false) => "the column with a blank header",
        (false, true) => $"“{column}”列",
        (false, false) => $"column \"{column}\"",
    };

    private static string FieldName(FieldDefinition field, CultureInfo culture) =>
        field.Label.Get(culture.Name) is { Length: > 0 } label && label != field.Id
            ? $"“{label}”（{field.Id}）"
            : $"“{field.Id}”";

    private static string Capitalize(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
