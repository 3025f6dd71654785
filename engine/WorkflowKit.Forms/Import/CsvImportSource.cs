using System.Globalization;
using System.Runtime.CompilerServices;
using CsvHelper;
using CsvHelper.Configuration;

namespace WorkflowKit.Import;

/// <summary>
/// Reads a CSV file with CsvHelper: the first row is the header, fields may be quoted and span
/// lines, the encoding is UTF-8 unless a byte order mark indicates otherwise, and the delimiter
/// (comma, semicolon or tab) is detected from the header.
/// </summary>
public sealed class CsvImportSource : IImportSource
{
    private readonly CsvReader _csv;
    private bool _read;

    private CsvImportSource(CsvReader csv, IReadOnlyList<string> headers)
    {
        _csv = csv;
        Headers = headers;
    }

    public IReadOnlyList<string> Headers { get; }

    /// <summary>Opens a CSV stream and reads its header; the stream is disposed with the source.</summary>
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
        var reader = new StreamReader(stream, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var csv = new CsvReader(reader, configuration);
        try
        {
            if (!await csv.ReadAsync().ConfigureAwait(false) || !csv.ReadHeader() || csv.HeaderRecord is null)
            {
                throw new InvalidDataException("The CSV file is empty; expected a header row followed by data rows.");
            }

            cancellationToken.ThrowIfCancellationRequested();
            return new CsvImportSource(csv, [.. csv.HeaderRecord.Select(header => header.Trim())]);
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
