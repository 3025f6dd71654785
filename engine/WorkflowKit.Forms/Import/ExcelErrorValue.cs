namespace WorkflowKit.Import;

/// <summary>
/// An Excel error value such as <c>#DIV/0!</c> or <c>#N/A</c>, which a cell shows when its formula fails.
/// <see cref="ExcelImportSource"/> returns one for such a cell, so the import rejects it in every field type instead
/// of storing the code as text or calling it "not a number".
/// </summary>
/// <param name="Code">The error code as Excel shows it, such as <c>#DIV/0!</c>.</param>
public sealed record ExcelErrorValue(string Code)
{
    // Error codes that Excel shows in a cell, each with a short English and Chinese meaning.
    private static readonly Dictionary<string, (string English, string Chinese)> Meanings =
        new(StringComparer.OrdinalIgnoreCase)
        {
            ["#NULL!"] = ("two ranges that do not intersect", "两个区域没有交集"),
            ["#DIV/0!"] = ("a division by zero", "除数为零"),
            ["#VALUE!"] = ("a value of the wrong type in the formula", "公式中的值类型错误"),
            ["#REF!"] = ("a reference to a deleted cell", "引用了已删除的单元格"),
            ["#NAME?"] = ("an unknown function or name in the formula", "公式中有无法识别的函数或名称"),
            ["#NUM!"] = ("an invalid number in the formula", "公式中的数字无效"),
            ["#N/A"] = ("a value that is not available, such as a lookup that found nothing", "值不可用，例如查找没有找到结果"),
            ["#SPILL!"] = ("a result that cannot spill into the cells next to it", "结果无法溢出到相邻单元格"),
            ["#CALC!"] = ("a calculation that Excel cannot do", "Excel 无法完成的计算"),
            ["#GETTING_DATA"] =
                ("data that was still loading when the workbook was saved", "保存工作簿时数据仍在加载"),
        };

    /// <summary>Returns the error value that <paramref name="text"/> is, or null when it is not an error code.</summary>
    public static ExcelErrorValue? FromText(string? text)
    {
        var trimmed = text?.Trim();
        return trimmed is not null && Meanings.ContainsKey(trimmed) ? new ExcelErrorValue(trimmed.ToUpperInvariant())
            : null;
    }

    /// <summary>Returns what the code means, in Chinese when <paramref name="chinese"/> is true.</summary>
    public string Meaning(bool chinese)
    {
        if (!Meanings.TryGetValue(Code, out var meaning))
        {
            return Code;
        }

        return chinese ? meaning.Chinese : meaning.English;
    }

    public override string ToString() => Code;
}
