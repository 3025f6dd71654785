using System.Globalization;
using System.Runtime.CompilerServices;
using CsvHelper;
using CsvHelper.Configuration;

namespace WorkflowKit.Import;

/// <summary>
/// Reads a CSV file with CsvHelper: the first row is the header, fields may be quoted and span
/// lines, the encoding is detected by <see cref="CsvEncodingDetector"/> (a byte order mark, else
/// UTF-8 when every byte sequence is valid UTF-8, else GBK read as GB18030), and the delimiter
/// (comma, semicolon or tab) is detected from the header.
/// </summary>
public sealed class CsvImportSource : IImportSource
{
    private readonly CsvReader _csv;
    private bool _read;

    private CsvImportSource(CsvReader csv, IReadOnlyList<string> headers, System.Text.Encoding encoding)
    {
        _csv = csv;
        Headers = headers;
        Encoding = encoding;
    }

    public IReadOnlyList<string> Headers { get; }

    /// <summary>Always true, because <see cref="RecordExporter"/> escapes the text cells of the CSV files it writes.</summary>
    public bool HasEscapedText => true;

    /// <summary>The encoding the file was read with: UTF-8, UTF-16 (by byte order mark) or GB18030.</summary>
    public System.Text.Encoding Encoding { get; }

    /// <summary>
    /// Opens a CSV stream, detects its encoding (reading it once to the end) and reads its header; the
    /// stream is disposed with the source.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is empty.</exception>
    public static async Task<CsvImportSource> OpenAsync(Stream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = true,
            DetectDelimiter = true,
            DetectDelimiterValues = [",", ";", "\t"],
            BadDataFound = null,
            MissingFieldFound = null,
        };
        var (detected, encoding) = await CsvEncodingDetector.DetectAsync(stream, cancellationToken)
            .ConfigureAwait(false);
        var reader = new StreamReader(detected, encoding, detectEncodingFromByteOrderMarks: true);
        var csv = new CsvReader(reader, configuration);
        try
        {
            if (!await csv.ReadAsync().ConfigureAwait(false) || !csv.ReadHeader() || csv.HeaderRecord is null)
            {
                throw new InvalidDataException("The CSV file is empty; expected a header row followed by data rows.");
            }

            cancellationToken.ThrowIfCancellationRequested();
            return new CsvImportSource(csv, [.. csv.HeaderRecord.Select(header => header.Trim())], encoding);
        }
        catch
        {
            csv.Dispose();
            throw;
        }
    }

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

            yield return new ImportSourceRow(_csv.Parser.Row, cells);
        }
    }

    public ValueTask DisposeAsync()
    {
        _csv.Dispose();
        return ValueTask.CompletedTask;
    }
}
