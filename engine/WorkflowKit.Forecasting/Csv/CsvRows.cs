using CsvHelper;

namespace WorkflowKit.Forecasting.Csv;

/// <summary>
/// Data rows after the header, each checked to have as many fields as the header. A row with a stray or unclosed
/// quote or the wrong number of fields is reported to <see cref="Errors"/> and skipped, so that one run lists every
/// invalid row.
/// </summary>
internal sealed class CsvRows
{
    private readonly CsvParser _parser;
    private readonly Func<SalesCsvException?> _takeBadQuote;

    /// <param name="parser">Parser positioned after the header.</param>
    /// <param name="header">Trimmed header names.</param>
    /// <param name="errorPrefix">File name and colon put in front of error messages, or an empty string.</param>
    /// <param name="takeBadQuote">
    /// Returns and clears the error that the parser's bad-data callback stored while reading the last row, or null.
    /// </param>
    public CsvRows(CsvParser parser, string[] header, string errorPrefix, Func<SalesCsvException?> takeBadQuote)
    {
        _parser = parser;
        _takeBadQuote = takeBadQuote;
        Header = header;
        ErrorPrefix = errorPrefix;
        Errors = new SalesCsvErrors(errorPrefix);
    }

    public string[] Header { get; }

    /// <summary>File name and colon put in front of error messages, or an empty string.</summary>
    public string ErrorPrefix { get; }

    /// <summary>Errors of the rows read so far.</summary>
    public SalesCsvErrors Errors { get; }

    /// <summary>
    /// Returns the next row with the right number of fields and its 1-based line number, or null at the end of the
    /// file. Rows with a bad quote or the wrong number of fields are reported and skipped.
    /// </summary>
    public async Task<(string[] Fields, long Line)?> NextAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!await _parser.ReadAsync().ConfigureAwait(false) || _parser.Record is null)
            {
                return null;
            }

            Errors.CountRow();
            var fields = _parser.Record;
            var line = _parser.RawRow;
            if (_takeBadQuote() is { } badQuote)
            {
                Errors.Add(badQuote);
                continue;
            }

            if (fields.Length != Header.Length)
            {
                Errors.Add(new SalesCsvException(
                    $"{ErrorPrefix}Line {line}: expected {Header.Length} fields as in the header, but found " +
                    $"{fields.Length}: '{_parser.RawRecord.TrimEnd('\r', '\n')}'. Quote fields that contain commas.",
                    line,
                    value: _parser.RawRecord));
                continue;
            }

            return (fields, line);
        }
    }

    public int IndexOf(string column) =>
        Array.FindIndex(Header, name => name.Equals(column, StringComparison.OrdinalIgnoreCase));
}
