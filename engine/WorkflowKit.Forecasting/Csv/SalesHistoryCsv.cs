using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace WorkflowKit.Forecasting.Csv;

/// <summary>
/// Reads sales history CSV files in long form (<c>date,customer,product,quantity</c>) or in the wide form of the
/// pharma-sales data set (<c>datum</c> plus one column per product), detecting the layout from the header.
/// </summary>
/// <remarks>
/// Dates are year first (<c>yyyy-MM-dd</c>, <c>yyyy/M/d</c>) or have an English month name. A file may write
/// dates with the year last only when one of its dates settles whether the day or the month comes first
/// (<see cref="YearLastDates"/>). Quantities use the invariant culture: a '.' decimal
/// separator, no thousands separator, an optional sign and exponent. Header names match case-insensitively.
/// Every error is a <see cref="SalesCsvException"/> that names the line, the column and the value. An invalid header
/// stops reading at once. Invalid rows are all collected, and the exception then lists them.
/// </remarks>
public static class SalesHistoryCsv
{
    /// <summary>
    /// Columns of the wide layout that are not products: the calendar columns of the daily pharma-sales file.
    /// </summary>
    public static IReadOnlyList<string> IgnoredWideColumns { get; } = ["Year", "Month", "Hour", "Weekday Name"];

    /// <summary>Reads a file, detecting its layout from the header.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="SalesCsvException">The header or a field is invalid.</exception>
    public static async Task<IReadOnlyList<SalesObservation>> ReadFileAsync(
        string path,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var reader = new StreamReader(path);
        return await ReadAsync(reader, Path.GetFileName(path), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads CSV text, detecting its layout from the header.</summary>
    /// <param name="reader">CSV text, header first.</param>
    /// <param name="sourceName">File name put in front of error messages, or null.</param>
    /// <param name="cancellationToken">Stops reading between rows.</param>
    /// <exception cref="SalesCsvException">
    /// The header or a field is invalid. With several invalid fields, <see cref="SalesCsvException.Errors"/> has each
    /// one and the message lists the first 20.
    /// </exception>
    public static async Task<IReadOnlyList<SalesObservation>> ReadAsync(
        TextReader reader,
        string? sourceName = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);

        var prefix = sourceName is null ? string.Empty : $"{sourceName}: ";
        // The parser calls BadDataFound in the middle of a row, so the error waits there until the row is complete
        // and is then reported with it. Throwing from the callback would stop at the first bad quote.
        SalesCsvException? badQuote = null;
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = true,
            IgnoreBlankLines = true,
            BadDataFound = args => badQuote ??= BadQuote(args, prefix),
        };
        SalesCsvException? TakeBadQuote()
        {
            var pending = badQuote;
            badQuote = null;
            return pending;
        }

        using var parser = new CsvParser(reader, configuration, leaveOpen: true);
        if (!await parser.ReadAsync().ConfigureAwait(false) || parser.Record is null)
        {
            throw new SalesCsvException(
                $"{prefix}The file is empty. Expected a header line such as 'date,customer,product,quantity'.", 1);
        }

        if (TakeBadQuote() is { } headerQuote)
        {
            throw headerQuote;
        }

        var header = parser.Record.Select(name => name.Trim()).ToArray();
        var rows = new CsvRows(parser, header, prefix, TakeBadQuote);
        return DetectLayout(header, prefix) == SalesCsvLayout.Long
            ? await LongFormReader.ReadAsync(rows, cancellationToken).ConfigureAwait(false)
            : await WideFormReader.ReadAsync(rows, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Returns <see cref="SalesCsvLayout.Long"/> when the header has <c>date</c>, <c>product</c> and
    /// <c>quantity</c> columns, and <see cref="SalesCsvLayout.Wide"/> when it starts with <c>datum</c> or
    /// <c>date</c> followed by product columns and has none of <c>customer</c>, <c>product</c> or
    /// <c>quantity</c>.
    /// </summary>
    /// <exception cref="SalesCsvException">
    /// The header matches neither layout, or has a long-form column but lacks one of date, product and quantity.
    /// </exception>
    public static SalesCsvLayout DetectLayout(IReadOnlyList<string> header, string sourcePrefix = "")
    {
        ArgumentNullException.ThrowIfNull(header);

        bool Has(string name) => header.Any(column => column.Trim().Equals(name, StringComparison.OrdinalIgnoreCase));
        if (Has("period") && Has("forecast") && !Has("date") && !Has("quantity"))
        {
            throw new SalesCsvException(
                $"{sourcePrefix}Line 1: the header '{string.Join(',', header)}' is that of a forecast output file, " +
                "whose 'period' column is the first day of each forecast period. To use it as sales history, rename " +
                "'period' to 'date' and 'forecast' to 'quantity'; the columns lower and upper are ignored.",
                1,
                "period");
        }

        if (Has("product") || Has("quantity") || Has("customer"))
        {
            foreach (var required in new[] { "date", "product", "quantity" })
            {
                if (!Has(required))
                {
                    throw new SalesCsvException(
                        $"{sourcePrefix}Line 1: the header '{string.Join(',', header)}' has no '{required}' column. " +
                        "A long-form sales file needs the columns date, product and quantity; customer is optional.",
                        1,
                        required);
                }
            }

            return SalesCsvLayout.Long;
        }

        var first = header.Count > 0 ? header[0].Trim() : string.Empty;
        if ((first.Equals("datum", StringComparison.OrdinalIgnoreCase)
                || first.Equals("date", StringComparison.OrdinalIgnoreCase))
            && header.Skip(1).Any(column => !IsIgnoredWideColumn(column)))
        {
            return SalesCsvLayout.Wide;
        }

        if (header.Count == 1 && header[0].IndexOfAny([';', '\t']) >= 0)
        {
            var separator = header[0].Contains(';', StringComparison.Ordinal) ? "';'" : "tabs";
            throw new SalesCsvException(
                $"{sourcePrefix}Line 1: the header '{header[0]}' separates its fields with {separator}, but sales " +
                "files are comma-separated. Save the file as CSV with ',' between fields and '.' as the decimal " +
                "separator.",
                1);
        }

        throw new SalesCsvException(
            $"{sourcePrefix}Line 1: the header '{string.Join(',', header)}' matches no known layout. Use long form " +
            "'date,customer,product,quantity' (customer optional), or wide form with a first column 'datum' or " +
            "'date' followed by one quantity column per product.",
            1);
    }

    /// <summary>
    /// Describes a field with a stray or unclosed quote, on the line where its record starts. An unclosed quote runs
    /// to the end of the file, where CsvHelper 33 counts one line more when the file ends with a line break, so every
    /// line break of that record is subtracted. A complete record's own final line break is not.
    /// </summary>
    private static SalesCsvException BadQuote(BadDataFoundArgs args, string prefix)
    {
        var field = args.Field.TrimEnd('\r', '\n');
        var unclosed = field.TrimStart().StartsWith('"');
        var record = unclosed ? args.RawRecord : args.RawRecord.TrimEnd('\r', '\n');
        var line = (args.Context.Parser?.RawRow ?? 0) - record.Count(character => character == '\n');
        var problem = unclosed
            ? $"a quoted field is not closed: '{Shorten(field)}'. End it with '\"'"
            : $"the field '{Shorten(field)}' contains a '\"' but is not quoted. Put the whole field in quotes";
        return new SalesCsvException(
            $"{prefix}Line {line}: {problem}, and write a quote inside a quoted field as '\"\"'.",
            line,
            value: field);
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "...";

    internal static bool IsIgnoredWideColumn(string column) =>
        IgnoredWideColumns.Any(ignored => ignored.Equals(column.Trim(), StringComparison.OrdinalIgnoreCase));

    internal static decimal ParseQuantity(string text, long line, string column, string prefix)
    {
        if (decimal.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var quantity))
        {
            return quantity;
        }

        if (double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            && double.IsFinite(number))
        {
            throw new SalesCsvException(
                $"{prefix}Line {line}, column '{column}': '{text}' is out of range. Quantities must lie between " +
                "-79228162514264337593543950335 and 79228162514264337593543950335 (decimal). Check the value " +
                "and its unit.",
                line,
                column,
                text);
        }

        throw new SalesCsvException(
            $"{prefix}Line {line}, column '{column}': '{text}' is not a valid quantity. Use a number with '.' as the " +
            "decimal separator and no thousands separator, for example 1250.5.",
            line,
            column,
            text);
    }
}
