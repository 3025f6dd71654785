using CsvHelper;

namespace WorkflowKit.Forecasting.Csv;

/// <summary>Data rows after the header, each checked to have as many fields as the header.</summary>
internal sealed class CsvRows
{
    private readonly CsvParser _parser;

    public CsvRows(CsvParser parser, string[] header, string errorPrefix)
    {
        _parser = parser;
        Header = header;
        ErrorPrefix = errorPrefix;
    }

    public string[] Header { get; }

    /// <summary>File name and colon put in front of error messages, or an empty string.</summary>
    public string ErrorPrefix { get; }

    /// <summary>Returns the next row and its 1-based line number, or null at the end of the file.</summary>
    public async Task<(string[] Fields, long Line)?> NextAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!await _parser.ReadAsync().ConfigureAwait(false) || _parser.Record is null)
        {
            return null;
        }

        var fields = _parser.Record;
        var line = _parser.RawRow;
        if (fields.Length != Header.Length)
        {
            throw new SalesCsvException(
                $"{ErrorPrefix}Line {line}: expected {Header.Length} fields as in the header, but found " +
                $"{fields.Length}: '{_parser.RawRecord.TrimEnd('\r', '\n')}'. Quote fields that contain commas.",
                line,
                value: _parser.RawRecord);
        }

        return (fields, line);
    }

    public int IndexOf(string column) =>
        Array.FindIndex(Header, name => name.Equals(column, StringComparison.OrdinalIgnoreCase));
}
