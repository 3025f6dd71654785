using System.Globalization;

namespace WorkflowKit.Import;

/// <summary>
/// The cells of code and key columns whose outer spaces the import removed (see
/// <see cref="ImportValueConverter.TrimsOuterSpaces"/>), collected per column for the warning that lists them.
/// </summary>
internal sealed class ImportTrimmedCells
{
    // Rows listed per column in the warning; the rest are counted.
    private const int ListedRows = 10;

    private readonly List<(string Header, List<long> Rows, long Count)> _columns = [];

    public long Count { get; private set; }

    public void Add(string header, long row)
    {
        Count++;
        var index = _columns.FindIndex(column => column.Header == header);
        if (index < 0)
        {
            _columns.Add((header, [row], 1));
            return;
        }

        var (_, rows, count) = _columns[index];
        if (rows.Count < ListedRows)
        {
            rows.Add(row);
        }

        _columns[index] = (header, rows, count + 1);
    }

    /// <summary>Returns the warning that names each column and its rows, or null when no cell was trimmed.</summary>
    public string? Warning(string file, CultureInfo culture)
    {
        if (Count == 0)
        {
            return null;
        }

        var zh = ImportMessages.IsChinese(culture);
        var columns = _columns.Select(column => ColumnRows(column.Header, column.Rows, column.Count, zh));
        return zh
            ? $"{file}：编码或唯一字段的列中有 {Count} 个单元格的开头或结尾有空格，导入时会去掉这些空格" +
              $"（例如 \" C0001\" 存为 \"C0001\"）。{string.Join("；", columns)}。"
            : $"{file}: {Cells(Count)}, which the import removes (\" C0001\" is stored as \"C0001\"). " +
              $"{string.Join("; ", columns)}.";
    }

    private static string Cells(long count) => count == 1
        ? "1 cell of a code or unique-key column starts or ends with spaces"
        : $"{count} cells of code or unique-key columns start or end with spaces";

    private static string ColumnRows(string header, List<long> rows, long count, bool zh)
    {
        var listed = string.Join(zh ? "、" : ", ", rows.Select(row => row.ToString(CultureInfo.InvariantCulture)));
        var more = count - rows.Count;
        return (zh, more > 0) switch
        {
            (true, true) => $"“{header}” 列第 {listed} 行等 {count} 行",
            (true, false) => $"“{header}” 列第 {listed} 行",
            (false, true) => $"column \"{header}\": rows {listed} and {more} more",
            (false, false) => $"column \"{header}\": {(rows.Count == 1 ? "row" : "rows")} {listed}",
        };
    }
}
