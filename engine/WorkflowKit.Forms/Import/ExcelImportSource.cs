using System.Runtime.CompilerServices;
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
    private bool _read;

    private ExcelImportSource(
        Stream stream, IEnumerator<IDictionary<string, object?>> rows, List<string> columnKeys,
            IReadOnlyList<string> headers, string name)
    {
        _stream = stream;
        Name = name;
        _rows = rows;
        _columnKeys = columnKeys;
        Headers = headers;
    }

    public string Name { get; }

    public IReadOnlyList<string> Headers { get; }

    /// <summary>Opens an .xlsx stream and reads its header row; the stream is disposed with the source.</summary>
    /// <param name="stream">The workbook's content.</param>
    /// <param name="sheetName">The sheet to read; the first sheet when null.</param>
    /// <param name="name">The file name that errors start with; "Excel file" when null.</param>
    /// <exception cref="InvalidDataException">The sheet is empty.</exception>
    public static ExcelImportSource Open(Stream stream, string? sheetName = null, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        name ??= "Excel file";
        var rows = MiniExcel.Query(stream, useHeaderRow: false, sheetName: sheetName, excelType: ExcelType.XLSX)
            .Cast<IDictionary<string, object?>>()
            .GetEnumerator();
        if (!rows.MoveNext())
        {
            rows.Dispose();
            throw new InvalidDataException(
                $"The sheet of {name} is empty; expected a header row followed by data rows.");
        }

        var header = rows.Current;
        var keys = header.Keys.ToList();
        while (keys.Count > 0 && string.IsNullOrWhiteSpace(Convert.ToString(header[keys[^1]],
            System.Globalization.CultureInfo.InvariantCulture)))
        {
            keys.RemoveAt(keys.Count - 1);
        }

        var headers = keys
            .Select(key => Convert.ToString(header[key], System.Globalization.CultureInfo.InvariantCulture)?.Trim()
                ?? string.Empty)
            .ToList();
        return new ExcelImportSource(stream, rows, keys, headers, name);
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
