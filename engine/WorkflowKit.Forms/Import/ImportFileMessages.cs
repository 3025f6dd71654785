using System.Globalization;
using WorkflowKit.Definitions.Forms;

namespace WorkflowKit.Import;

/// <summary>
/// The text of file-level import errors, in Chinese for zh cultures and in English otherwise. The caller puts the file
/// name in front.
/// </summary>
internal static class ImportFileMessages
{
    /// <summary>
    /// Formats the error for a required field that no column feeds. <paramref name="names"/> are the headers that
    /// would map to it, <paramref name="present"/> a header of the file that would but that the mapping leaves out,
    /// and <paramref name="blankColumns"/> the 0-based positions of columns with values under a blank header.
    /// </summary>
    public static string MissingRequiredColumn(
        FieldDefinition field, IReadOnlyList<string> names, string? present, IReadOnlyList<int> blankColumns,
        CultureInfo culture)
    {
        var zh = ImportMessages.IsChinese(culture);
        var label = field.Label.Get(zh ? culture.Name : "en");
        var fieldName = label.Length == 0 || label == field.Id
            ? (zh ? $"“{field.Id}”" : field.Id)
            : (zh ? $"“{label}”（{field.Id}）" : $"{label} ({field.Id})");
        var headers = Alternatives(names, zh);

        if (present is not null)
        {
            return zh
                ? $"文件中有“{present}”列，但映射没有把它导入必填字段{fieldName}；请在映射中把这一列对应到该字段。"
                : $"The file has a column \"{present}\", but the mapping does not import it into the required field " +
                  $"{fieldName}. Map that column to the field.";
        }

        var message = zh
            ? $"文件中没有必填字段{fieldName}的列。请添加表头为 {headers} 的列。"
            : $"The file has no column for the required field {fieldName}. Add a column headed {headers}.";
        if (blankColumns.Count == 0)
        {
            return message;
        }

        var positions = string.Join(zh ? "、" : ", ",
            blankColumns.Select(index => (index + 1).ToString(CultureInfo.InvariantCulture)));
        return zh
            ? $"{message}第 {positions} 列的表头为空但有数据；如果这是该字段的列，请在它的表头单元格中填写 {headers}。"
            : $"{message} Column{(blankColumns.Count == 1 ? string.Empty : "s")} {positions} " +
              $"{(blankColumns.Count == 1 ? "has" : "have")} values under a blank header; if one of them holds this " +
              $"field, type {headers} into its header cell.";
    }

    // Joins names as "a", "a or b" or "a, b or c", and in Chinese as "a、b 或 c".
    private static string Alternatives(IReadOnlyList<string> names, bool zh) => names.Count < 2
        ? string.Concat(names)
        : $"{string.Join(zh ? "、" : ", ", names.Take(names.Count - 1))}{(zh ? " 或 " : " or ")}{names[^1]}";
}
