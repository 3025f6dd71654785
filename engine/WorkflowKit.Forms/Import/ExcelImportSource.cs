using System.Globalization;
using System.Runtime.CompilerServices;
using System.Xml;
using MiniExcelLibs;

namespace WorkflowKit.Import;

/// <summary>
/// Reads the first (or a named) sheet of an .xlsx file with MiniExcel, which streams rows from
/// the sheet XML instead of loading the workbook. The first row is the header.
/// </summary>
public sealed class ExcelImportSource : IImportSource
{
    private readonly Stream _stream;
    private readonly IEnumerator<IDictionary<string, object?>> _rows;
    private readonly List<string> _columnKeys;
    private readonly Dictionary<(long Row, string Column), ExcelFormulaWithoutValue> _formulasWithoutValue;
    private bool _read;

    private ExcelImportSource(
        Stream stream, IEnumerator<IDictionary<string, object?>> rows, List<string> columnKeys,
            IReadOnlyList<string> headers, string name,
            Dictionary<(long Row, string Column), ExcelFormulaWithoutValue> formulasWithoutValue)
    {
        _stream = stream;
        _formulasWithoutValue = formulasWithoutValue;
        Name = name;
        _rows = rows;
        _columnKeys = columnKeys;
        Headers = headers;
    }

    public string Name { get; }

    public IReadOnlyList<string> Headers { get; }

    /// <summary>
    /// Opens an .xlsx stream with English error messages, as the CLI prints them; see
    /// <see cref="Open(Stream, string?, string?, CultureInfo)"/>.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not a readable workbook, or the sheet is empty.</exception>
    public static ExcelImportSource Open(Stream stream, string? sheetName = null, string? name = null) =>
        Open(stream, sheetName, name, CultureInfo.InvariantCulture);

    /// <summary>Opens an .xlsx stream and reads its header row; the stream is disposed with the source.</summary>
    /// <param name="stream">The workbook's content.</param>
    /// <param name="sheetName">The sheet to read; the first sheet when null.</param>
    /// <param name="name">The file name that errors start with; "Excel file" when null.</param>
    /// <param name="culture">The language of the errors: Chinese for a zh culture, English otherwise.</param>
    /// <exception cref="InvalidDataException">The file is not a readable workbook, or the sheet is empty.</exception>
    public static ExcelImportSource Open(Stream stream, string? sheetName, string? name, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(culture);
        name ??= ImportMessages.IsChinese(culture) ? "Excel 文件" : "Excel file";
        IEnumerator<IDictionary<string, object?>> rows;
        bool hasHeader;
        var formulasWithoutValue = ExcelFormulaCells.Find(stream, sheetName);
        try
        {
            rows = MiniExcel.Query(stream, useHeaderRow: false, sheetName: sheetName, excelType: ExcelType.XLSX)
                .Cast<IDictionary<string, object?>>()
                .GetEnumerator();
            hasHeader = rows.MoveNext();
        }
        catch (Exception error) when (error is InvalidDataException or XmlException or InvalidOperationException)
        {
            // A file that is not a zip archive of sheet XML, such as an .xls or a CSV renamed to .xlsx.
            throw new InvalidDataException(UnreadableMessage(name, error, culture), error);
        }

        if (!hasHeader)
        {
            rows.Dispose();
            var sheet = sheetName ?? FirstSheetName(stream);
            throw new InvalidDataException(EmptySheetMessage(name, sheet, first: sheetName is null, culture));
        }

        var header = rows.Current;
        var keys = header.Keys.ToList();
        while (keys.Count > 0 && string.IsNullOrWhiteSpace(Convert.ToString(header[keys[^1]],
            CultureInfo.InvariantCulture)))
        {
            keys.RemoveAt(keys.Count - 1);
        }

        var headers = keys
            .Select(key => Convert.ToString(header[key], CultureInfo.InvariantCulture)?.Trim()
                ?? string.Empty)
            .ToList();
        return new ExcelImportSource(stream, rows, keys, headers, name, formulasWithoutValue);
    }

    /// <summary>
    /// Formats the error for a sheet without a single filled cell, naming the file and the sheet. Without a sheet name
    /// the first sheet is read, so the fix for a workbook whose data sits on another sheet is to make it the first.
    /// </summary>
    private static string EmptySheetMessage(string file, string? sheet, bool first, CultureInfo culture)
    {
        if (ImportMessages.IsChinese(culture))
        {
            var where = (sheet, first) switch
            {
                (null, _) => $"{file} 的第一个工作表",
                (_, true) => $"{file} 的第一个工作表“{sheet}”",
                _ => $"{file} 的工作表“{sheet}”",
            };
            var other = first ? "请把那个工作表移到最前面" : "请改为导入那个工作表";
            return $"{where}是空的；导入需要第一行是表头，下面是数据行。请在这个工作表中填写表头和数据；如果数据在其他工作表中，" +
                $"{other}；也请检查是否选错了文件。";
        }

        var english = (sheet, first) switch
        {
            (null, _) => $"The first sheet of {file}",
            (_, true) => $"The first sheet (\"{sheet}\") of {file}",
            _ => $"Sheet \"{sheet}\" of {file}",
        };
        var fix = first ? "make that sheet the first one" : "import that sheet instead";
        return $"{english} is empty; expected a header row followed by data rows. Type the headers into its first " +
            $"row and the data below them; if the data is on another sheet, {fix}; also check that you chose the " +
            "right file.";
    }

    private static string UnreadableMessage(string file, Exception error, CultureInfo culture) =>
        ImportMessages.IsChinese(culture)
            ? $"无法把文件“{file}”读取为 Excel 工作簿（{error.Message}）。请在 Excel 中打开它，另存为 .xlsx 文件后重新导入。"
            : $"{file} could not be read as an Excel workbook ({error.Message}). Open it in Excel, save it again " +
              "as an .xlsx file and import that file.";

    /// <summary>Returns the name of the workbook's first sheet, or null when the workbook lists none.</summary>
    private static string? FirstSheetName(Stream stream)
    {
        stream.Position = 0;
        return MiniExcel.GetSheetNames(stream).FirstOrDefault();
    }

    public async IAsyncEnumerable<ImportSourceRow> ReadRowsAsync(
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (_read)
        {
            throw new InvalidOperationException("The rows of an import source can be read once only.");
        }

        _read = true;
        var row = 1L;
        while (_rows.MoveNext())
        {
            cancellationToken.ThrowIfCancellationRequested();
            row++;
            var cells = _columnKeys.Select(key => _rows.Current.TryGetValue(key, out var value) ? Cell(value)
                : null).ToArray();
            for (var i = 0; i < cells.Length; i++)
            {
                if (cells[i] is null or "" && _formulasWithoutValue.TryGetValue((row, _columnKeys[i]), out var formula))
                {
                    cells[i] = formula;
                }
            }

            if (cells.All(cell => cell is null || (cell is string text && text.Length == 0)))
            {
                continue;
            }

            yield return new ImportSourceRow(row, cells) { ValuesPastHeader = ValuesPastHeader(_rows.Current) };
            await Task.CompletedTask.ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Returns an <see cref="ExcelErrorValue"/> for a text cell that is an Excel error code, and the value unchanged
    /// otherwise. MiniExcel 1.47.1 returns an error cell (<c>t="e"</c>) as the text of its code, such as <c>#DIV/0!</c>.
    /// </summary>
    /// <remarks>
    /// NOTE: a text cell that contains exactly an error code, entered as <c>'#N/A</c> or by a formula such as
    /// <c>="#N/A"</c>, is read as the error too, because MiniExcel does not return the cell type. Excel itself turns
    /// <c>#N/A</c> typed into a cell into the error value.
    /// </remarks>
    private static object? Cell(object? value) =>
        value is string text && ExcelErrorValue.FromText(text) is { } error ? error : value;

    /// <summary>
    /// Returns the 0-based positions past the header's last column whose cells hold a value. MiniExcel returns the
    /// row's cells keyed by column letter in column order, including empty ones up to the sheet's last column.
    /// </summary>
    private List<int> ValuesPastHeader(IDictionary<string, object?> cells)
    {
        var positions = new List<int>();
        var position = 0;
        foreach (var value in cells.Values)
        {
            if (position >= _columnKeys.Count &&
                value is not null && !(value is string text && string.IsNullOrWhiteSpace(text)))
            {
                positions.Add(position);
            }

            position++;
        }

        return positions;
    }

    public async ValueTask DisposeAsync()
    {
        _rows.Dispose();
        await _stream.DisposeAsync().ConfigureAwait(false);
    }
}
