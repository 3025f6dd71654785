using System.Globalization;

namespace WorkflowKit.Import;

/// <summary>
/// The text of row errors and warnings, in Chinese for zh cultures and in English otherwise. Each row error names
/// the file and the row once, then the column, the field, the value, the problem and what to do, so that a caller
/// prints it as it is, without adding the row again.
/// </summary>
internal static class ImportMessages
{
    public static bool IsChinese(CultureInfo culture) =>
        culture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Formats where an error is: <c>customers.csv row 14, column "Credit limit" (creditLimit)</c>. A blank column
    /// header is named by its position, <paramref name="columnIndex"/> + 1, as <c>column 4 (blank header)</c>.
    /// Without a column the field path follows the row, and without either only the file and row are given.
    /// </summary>
    public static string Location(
        string file, long row, string? column, string? fieldPath, CultureInfo culture, int? columnIndex = null)
    {
        var zh = IsChinese(culture);
        var location = zh ? $"{file} 第 {row} 行" : $"{file} row {row}";
        if (column is not null)
        {
            location += (string.IsNullOrWhiteSpace(column), zh) switch
            {
                (true, true) => $"，第 {columnIndex + 1} 列（表头为空）",
                (true, false) => $", column {columnIndex + 1} (blank header)",
                (false, true) => $"，“{column}” 列",
                (false, false) => $", column \"{column}\"",
            };
            return fieldPath is null ? location : $"{location} ({fieldPath})";
        }

        return fieldPath is null ? location : location + (zh ? $"，字段 {fieldPath}" : $", field {fieldPath}");
    }

    /// <summary>Formats a conversion error: the location, the cell value and the converter's reason.</summary>
    public static string Conversion(string location, string value, string reason, CultureInfo culture) =>
        IsChinese(culture) ? $"{location}：“{value}” {reason}。" : $"{location}: \"{value}\" {reason}.";

    /// <summary>Formats a validation error: the location, the validator's message and the fix for its code.</summary>
    public static string Validation(string location, string message, string code, CultureInfo culture)
    {
        var problem = message.TrimEnd('.', '。', ' ');
        return IsChinese(culture)
            ? $"{location}：{problem}；{Hint(code, zh: true)}"
            : $"{location}: {problem}; {Hint(code, zh: false)}";
    }

    /// <summary>
    /// Formats the error for a row with values past the header's last column, which usually comes from an unquoted
    /// delimiter inside a CSV value.
    /// </summary>
    public static string TooManyCells(string location, int cells, int columns, CultureInfo culture) =>
        IsChinese(culture)
            ? $"{location}：这一行有 {cells} 个单元格，但表头只有 {columns} 列；如果某个值包含逗号（或文件的分隔符），" +
              "请用双引号把这个值括起来，例如 \"Acme, Shanghai Ltd\"；否则请为多出的列加上表头，或删除多出的单元格。"
            : $"{location}: the row has {cells} cells but the header has {columns} columns; if a value contains a " +
              "comma (or the file's delimiter), put the value in double quotes, such as \"Acme, Shanghai Ltd\", " +
              "otherwise add a header for the extra column or delete the extra cells.";

    /// <summary>
    /// Formats the error for a file with a header row and no data rows below it; rows with only empty cells do not
    /// count.
    /// </summary>
    public static string NoDataRows(string file, CultureInfo culture) =>
        IsChinese(culture)
            ? $"{file} 只有表头，没有数据行，所以没有导入任何记录；请在表头下面填写数据行，或检查是否选错了文件或工作表。"
            : $"{file} has a header row but no data rows, so nothing was imported; add the rows below the header, or " +
              "check that you chose the right file (and, for a workbook, that its first sheet holds the data).";

    /// <summary>Formats the warning for header texts that no field takes, whose values are therefore not imported.</summary>
    public static string UnmappedColumns(string file, string formKey, IReadOnlyList<string> columns, CultureInfo culture)
    {
        var zh = IsChinese(culture);
        var names = string.Join(zh ? "、" : ", ", columns.Select(column => zh ? $"“{column}”" : $"\"{column}\""));
        return zh
            ? $"{file}：{names} 列没有对应表单 “{formKey}” 的字段，不会导入；如果是拼写错误，请改成字段的名称或键，或在映射中指定字段。"
            : $"{file}: column(s) {names} match no field of form '{formKey}' and are not imported; if a header is " +
              "misspelt, correct it to the field's label or key, or map the column to a field.";
    }

    /// <summary>
    /// Formats the warning for columns whose header cell is blank but which have values below it. No field takes such
    /// a column, so its values are not imported. <paramref name="indexes"/> are 0-based.
    /// </summary>
    public static string BlankHeaderColumns(string file, IReadOnlyList<int> indexes, CultureInfo culture)
    {
        var zh = IsChinese(culture);
        var names = ColumnPositions(indexes, zh);
        return zh
            ? $"{file}：{names}的表头为空，但下面有数据；这些值不会导入。请在表头单元格中填写字段的名称或键，或在映射中指定字段；" +
              "如果这一列不需要，请删除它。"
            : $"{file}: {names} {(indexes.Count == 1 ? "has" : "have")} values, which are not imported because no " +
              "field takes a column without a header. Type the field's label or key into the header cell, or map " +
              "the column to a field, or delete the column if it is not needed.";
    }

    /// <summary>
    /// Formats the error for a member or department cell that names no id but the display name of several users or
    /// departments, so that the admin picks one by its id.
    /// </summary>
    public static string AmbiguousName(
        string location, string value, bool department, IReadOnlyList<string> ids, CultureInfo culture)
    {
        var zh = IsChinese(culture);
        var list = string.Join(zh ? "、" : ", ", ids);
        return (zh, department) switch
        {
            (true, false) => $"{location}：“{value}” 是 {ids.Count} 个用户的名称（{list}）；请改填其中一个用户的编号。",
            (true, true) => $"{location}：“{value}” 是 {ids.Count} 个部门的名称（{list}）；请改填其中一个部门的编号。",
            (false, false) => $"{location}: \"{value}\" is the name of {ids.Count} users ({list}); write the id of " +
                "the one you mean instead.",
            (false, true) => $"{location}: \"{value}\" is the name of {ids.Count} departments ({list}); write the id " +
                "of the one you mean instead.",
        };
    }

    /// <summary>
    /// Formats the error for a unique field's value that an earlier row of the same file, <paramref name="firstRow"/>,
    /// already has.
    /// </summary>
    public static string RepeatedInFile(
        string location, string label, string value, long firstRow, CultureInfo culture) =>
        IsChinese(culture)
            ? $"{location}：“{label}” 的值 {value} 与本文件第 {firstRow} 行重复；请删除其中一行，或改正其中一个值。"
            : $"{location}: \"{label}\" value {value} is also in row {firstRow} of this file; remove one of the two " +
              "rows or correct one of the values.";

    /// <summary>
    /// Formats the note for a cross-field or row rule that was not checked because it reads a field whose cell could
    /// not be read. <paramref name="fields"/> are those field ids.
    /// </summary>
    public static string RuleSkipped(
        string location, string ruleId, string ruleMessage, IReadOnlyList<string> fields, CultureInfo culture)
    {
        var zh = IsChinese(culture);
        var rule = ruleMessage.TrimEnd('.', '。', ' ');
        var names = string.Join(zh ? "、" : ", ", fields);
        return zh
            ? $"{location}：规则 “{ruleId}”（{rule}）没有检查，因为它用到的字段 {names} 无法读取；改正这些值后重新导入时会检查这条规则。"
            : $"{location}: rule \"{ruleId}\" ({rule}) was not checked because it reads {names}, which could not " +
              "be read; it is checked when the file is imported again with those values corrected.";
    }

    private static string ColumnPositions(IReadOnlyList<int> indexes, bool zh)
    {
        var positions = indexes.Select(index => (index + 1).ToString(CultureInfo.InvariantCulture)).ToList();
        return zh
            ? $"第 {string.Join("、", positions)} 列"
            : $"column{(positions.Count == 1 ? string.Empty : "s")} {string.Join(", ", positions)} (blank header)";
    }

    /// <summary>The error of an upsert into a form without unique or serial number fields.</summary>
    public static string UpsertWithoutKeyField(string formKey, CultureInfo culture) => IsChinese(culture)
        ? $"表单“{formKey}”没有唯一字段或编号字段，所以“更新已有记录”方式无法找到要更新的记录；请在表单中把一个字段设为" +
          "唯一后再导入，或按“只新增”方式导入。"
        : $"Form '{formKey}' has no unique or serial number field, so an upsert cannot find the records to update; " +
          "make a key field unique in the form, or import in insert mode.";

    /// <summary>The error of an upsert of a file that has no column of a key field.</summary>
    public static string UpsertWithoutKeyColumn(string file, IEnumerable<string> keyFields, CultureInfo culture) =>
        IsChinese(culture)
            ? $"{file} 没有键字段的列（{string.Join("、", keyFields)}），所以“更新已有记录”方式无法把行对应到记录；" +
              "请在文件中加上其中一列，或按“只新增”方式导入。"
            : $"{file} has no column of a key field ({string.Join(", ", keyFields)}), so an upsert cannot match " +
              "its rows to records; add one of these columns, or import in insert mode.";

    /// <summary>The error of an upsert row whose key values belong to two different records.</summary>
    public static string KeysNameTwoRecords(
        string location, string firstColumn, long firstRecord, string secondColumn, long secondRecord,
        CultureInfo culture) => IsChinese(culture)
        ? $"{location}：“{firstColumn}” 列对应记录 #{firstRecord}，“{secondColumn}” 列却对应记录 #{secondRecord}，" +
          "无法确定要更新哪一条；请改正其中一列，使它们指向同一条记录。"
        : $"{location}: column \"{firstColumn}\" matches record #{firstRecord} but column \"{secondColumn}\" " +
          $"matches record #{secondRecord}, so the row cannot update both; correct one of them so that both name the " +
          "same record.";

    /// <summary>The error of an upsert row whose matched record the importing user may not update.</summary>
    public static string UpdateDenied(string location, long recordId, CultureInfo culture) => IsChinese(culture)
        ? $"{location}：这一行对应记录 #{recordId}，但你的数据权限不允许修改它；请删除这一行，或请管理员授予" +
          "“update”权限。"
        : $"{location}: the row matches record #{recordId}, which your data permissions do not let you update; " +
          "remove the row, or ask an administrator for a permission rule with the \"update\" action.";

    private static string Hint(string code, bool zh) => code switch
    {
        "required" => zh ? "请在文件中填写这一列。" : "fill in this column in the file.",
        "length" => zh ? "请把文字改到允许的长度。" : "shorten or lengthen the text to the allowed length.",
        "range" => zh ? "请填写允许范围内的值。" : "use a value inside the allowed range.",
        "scale" => zh ? "请减少小数位数。" : "use fewer decimal places.",
        "pattern" => zh ? "请按要求的格式改正。" : "correct the value to the required format.",
        "option" => zh ? "请填写字段的选项之一（名称或键）。" : "use one of the field's options, by its label or key.",
        "unique" => zh
            ? "请填写其他记录没有用过的值，或删除重复的行；要用这一行更新已有的记录，请按“更新已有记录”方式导入" +
              "（records import --mode upsert）。"
            : "use a value that no other record has, or remove the duplicate row; to update the record that has it " +
              "with this row, import in upsert mode (records import --mode upsert).",
        "readOnly" => zh
            ? "这个字段（如编号）不能通过导入修改；请填写记录现有的值，或删除这一列。"
            : "this field, such as a serial number, cannot be changed by an import; write the record's current " +
              "value or remove the column.",
        "serial" => zh
            ? "请填写符合格式且没有用过的编号，或留空由系统分配下一个编号。"
            : "write a number in the field's format that no record has, or leave the cell empty to get the next number.",
        "permission" => zh
            ? "这一行超出了你可以创建的范围；请改正数值，或请管理员调整数据权限。"
            : "the row is outside the records you may create; correct the value or ask an administrator.",
        "type" => zh ? "请改成字段类型（数字、日期、选项）可以读取的值。" :
            "correct the value so that it can be read as the field's type (number, date, option).",
        "exists" => zh
            ? "请改成数据库中已有的用户、部门或记录的编号，或先把它加入数据库，再重新导入这个文件。"
            : "change it to the id of a user, department or record that this database has, or add that one to the " +
              "database first, then import the file again.",
        _ => zh ? "请改正这个值后重新导入。" : "correct this value in the file, then import the file again.",
    };
}
