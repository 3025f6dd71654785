using System.Globalization;
using System.Runtime.CompilerServices;
using CsvHelper;
using CsvHelper.Configuration;

namespace WorkflowKit.Import;

/// <summary>
/// Reads a CSV file with CsvHelper: the first row is the header, fields may be quoted and span
/// lines, the encoding is detected by <see cref="CsvEncodingDetector"/> (a byte order mark, else
/// UTF-8 when every byte sequence is valid UTF-8, else GBK read as GB18030, and a file that is not
/// clean GBK is rejected), and the delimiter
/// (comma, semicolon or tab) is detected from the header.
/// </summary>
public sealed class CsvImportSource : IImportSource
{
    private readonly CsvReader _csv;
    private bool _read;

    private CsvImportSource(CsvReader csv, string name, IReadOnlyList<string> headers, System.Text.Encoding encoding)
    {
        _csv = csv;
        Name = name;
        Headers = headers;
        Encoding = encoding;
    }

    public string Name { get; }

    /// <summary>
    /// The header row, trimmed and without the apostrophe that <see cref="RecordExporter"/> puts before a label
    /// starting with <c>=</c>, <c>+</c>, <c>-</c> or <c>@</c>, so that an exported file maps to its fields again.
    /// </summary>
    public IReadOnlyList<string> Headers { get; }

    /// <summary>Always true, because <see cref="RecordExporter"/> escapes the text cells of the CSV files it writes.</summary>
    public bool HasEscapedText => true;

    /// <summary>The encoding the file was read with: UTF-8, UTF-16 (by byte order mark) or GB18030.</summary>
    public System.Text.Encoding Encoding { get; }

    /// <summary>
    /// Opens a CSV stream named "CSV file" in messages; see <see cref="OpenAsync(Stream, string, CancellationToken)"/>.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is empty or a quoted field has no closing quote.</exception>
    public static Task<CsvImportSource> OpenAsync(Stream stream, CancellationToken cancellationToken) =>
        OpenAsync(stream, "CSV file", cancellationToken);

    /// <summary>
    /// Opens a CSV stream with English error messages; see
    /// <see cref="OpenAsync(Stream, string, CultureInfo, CancellationToken)"/>.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is empty or a quoted field has no closing quote.</exception>
    public static Task<CsvImportSource> OpenAsync(Stream stream, string name, CancellationToken cancellationToken) =>
        OpenAsync(stream, name, CultureInfo.InvariantCulture, cancellationToken);

    /// <summary>
    /// Opens a CSV stream, detects its encoding (reading it once to the end), checks that every quoted field is
    /// closed (reading it a second time) and reads its header. The source disposes the stream.
    /// </summary>
    /// <param name="stream">The file's content.</param>
    /// <param name="name">The file name that errors start with, such as <c>customers.csv</c>.</param>
    /// <param name="culture">The language of the errors: Chinese for a zh culture, English otherwise.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <exception cref="InvalidDataException">The file is empty, is neither UTF-8 nor GBK, or a quoted field has no
    /// closing quote.</exception>
    public static async Task<CsvImportSource> OpenAsync(
        Stream stream, string name, CultureInfo culture, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(culture);
        var (detected, encoding) = await CsvEncodingDetector.DetectAsync(stream, cancellationToken)
            .ConfigureAwait(false);
        try
        {
            if (ReferenceEquals(encoding, CsvEncodingDetector.Gb18030))
            {
                await ThrowIfNotGbkAsync(detected, name, culture, cancellationToken).ConfigureAwait(false);
            }

            await CsvQuoteCheck.ThrowIfUnclosedAsync(detected, encoding, name, culture, cancellationToken)
                .ConfigureAwait(false);
        }
        catch
        {
            await detected.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var reader = new StreamReader(detected, encoding, detectEncodingFromByteOrderMarks: true);
        var csv = new CsvReader(reader, Configuration(badDataFound: null));
        try
        {
            if (!await csv.ReadAsync().ConfigureAwait(false) || !csv.ReadHeader() || csv.HeaderRecord is null)
            {
                throw new InvalidDataException(ImportMessages.IsChinese(culture)
                    ? $"{name} 是空文件；文件应以表头行开始，下面是数据行。"
                    : $"{name} is empty; expected a header row followed by data rows.");
            }

            cancellationToken.ThrowIfCancellationRequested();
            var headers = csv.HeaderRecord.Select(header => SpreadsheetText.Unescape(header.Trim())).ToList();
            return new CsvImportSource(csv, name, headers, encoding);
        }
        catch
        {
            csv.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Rejects a file read as GBK whose bytes are not valid GBK, or are valid only as rare characters where
    /// Windows-1252 reads Latin words, as the bytes of Hôpital do. Both get the same fix: save the file as UTF-8.
    /// </summary>
    private static async Task ThrowIfNotGbkAsync(
        Stream stream, string name, CultureInfo culture, CancellationToken cancellationToken)
    {
        var zh = ImportMessages.IsChinese(culture);
        string? problem = null;
        if (await CsvEncodingDetector.FindInvalidGb18030Async(stream, cancellationToken).ConfigureAwait(false)
            is var (line, value))
        {
            problem = zh
                ? $"第 {line} 行的字节 0x{value:X2} 在两种编码中都无效（可能是西文 Windows 编码中的 é、ü 等字符）"
                : $"line {line} has the byte 0x{value:X2}, which neither encoding allows there (perhaps a letter " +
                  "such as é or ü from a Western Windows code page)";
        }
        else if (await CsvEncodingDetector.FindWesternTextAsync(stream, cancellationToken).ConfigureAwait(false)
            is var (westernLine, western, gbk))
        {
            problem = zh
                ? $"第 {westernLine} 行按 GBK 读作“{gbk}”，按西文 Windows 编码（Windows-1252）读作“{western}”；" +
                  "这些字节只是碰巧符合 GBK，读出的是中文数据中不用的生僻字"
                : $"line {westernLine} reads as \"{gbk}\" in GBK but as \"{western}\" in the Western Windows code " +
                  "page (Windows-1252); its bytes are valid GBK only by chance, as rare characters that Chinese data " +
                  "does not use";
        }

        if (problem is not null)
        {
            throw new InvalidDataException(zh
                ? $"{name} 既不是 UTF-8 编码也不是 GBK 编码：{problem}。请在 Excel 中另存为“CSV UTF-8（逗号分隔）”，" +
                  "或用其他编辑器保存为 UTF-8，然后重新导入。"
                : $"{name} is neither UTF-8 nor GBK: {problem}. Save the file as \"CSV UTF-8\" in Excel, or as UTF-8 " +
                  "in another editor, and import it again.");
        }
    }

    /// <summary>
    /// The reader settings of every pass over a file. <paramref name="badDataFound"/> receives a quote inside an
    /// unquoted field and a quoted field that is never closed; null accepts both as they are.
    /// </summary>
    internal static CsvConfiguration Configuration(BadDataFound? badDataFound) =>
        new(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = true,
            DetectDelimiter = true,
            DetectDelimiterValues = [",", ";", "\t"],
            BadDataFound = badDataFound,
            MissingFieldFound = null,
        };

    public async IAsyncEnumerable<ImportSourceRow> ReadRowsAsync(
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (_read)
        {
            throw new InvalidOperationException("The rows of an import source can be read once only.");
        }

        _read = true;
        while (await _csv.ReadAsync().ConfigureAwait(false))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var record = _csv.Parser.Record ?? [];
            if (record.All(string.IsNullOrEmpty))
            {
                continue;
            }

            var cells = new object?[Headers.Count];
            for (var i = 0; i < cells.Length && i < record.Length; i++)
            {
                cells[i] = record[i];
            }

            yield return new ImportSourceRow(_csv.Parser.Row, cells) { CellCount = CountUpToLastValue(record) };
        }
    }

    /// <summary>Counts the cells up to the last one that is not empty, so that trailing delimiters do not count.</summary>
    private static int CountUpToLastValue(string[] record)
    {
        var count = record.Length;
        while (count > 0 && string.IsNullOrWhiteSpace(record[count - 1]))
        {
            count--;
        }

        return count;
    }

    public ValueTask DisposeAsync()
    {
        _csv.Dispose();
        return ValueTask.CompletedTask;
    }
}
