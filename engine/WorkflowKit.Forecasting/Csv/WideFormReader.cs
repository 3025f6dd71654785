namespace WorkflowKit.Forecasting.Csv;

/// <summary>
/// Converts wide rows (a date column, then one quantity column per product) to long observations without a
/// customer. An empty cell records no sale, which counts as zero once summed to a period. Product names go through
/// <see cref="SeriesKey.NormalizeName"/>, so two columns whose names differ only in invisible characters are rejected
/// as a repeated product.
/// </summary>
internal static class WideFormReader
{
    public static async Task<IReadOnlyList<SalesObservation>> ReadAsync(
        CsvRows rows,
        CancellationToken cancellationToken)
    {
        var productColumns = Enumerable.Range(1, rows.Header.Length - 1)
            .Where(column => !SalesHistoryCsv.IsIgnoredWideColumn(rows.Header[column]))
            .ToArray();
        var products = productColumns.ToDictionary(column => column, column => SeriesKey.NormalizeName(rows.Header[column]));
        CheckUniqueProducts(rows, productColumns, products);

        var read = new List<(CsvDate Date, string Product, decimal Quantity)>();
        var dates = new List<CsvDate>();
        var yearLast = new YearLastDates();
        while (await rows.NextAsync(cancellationToken).ConfigureAwait(false) is var (fields, line))
        {
            var date = rows.Errors.CheckObject(
                () => CsvDate.Parse(fields[0], line, rows.Header[0], rows.ErrorPrefix));
            if (date is not null)
            {
                yearLast.Add(date);
                dates.Add(date);
            }

            foreach (var column in productColumns)
            {
                if (fields[column].Trim().Length == 0)
                {
                    continue;
                }

                var quantity = rows.Errors.Check(() => ParseQuantity(rows, fields[column], line, column));
                if (date is not null && quantity is { } units)
                {
                    read.Add((date, products[column], units));
                }
            }
        }

        yearLast.Resolve(rows.Errors, rows.ErrorPrefix);
        CheckUniqueDates(rows, dates);
        rows.Errors.ThrowIfAny();
        return [.. read.Select(row => new SalesObservation(row.Date.Date, null, row.Product, row.Quantity))];
    }

    // Each row of the wide layout is the sales of one date, so a second row for a date is almost always a pasted
    // copy. Summing it would double that date's sales without a word, so it is an error that names both lines.
    private static void CheckUniqueDates(CsvRows rows, List<CsvDate> dates)
    {
        var first = new Dictionary<DateOnly, CsvDate>();
        foreach (var date in dates)
        {
            if (!first.TryAdd(date.Date, date))
            {
                var earlier = first[date.Date];
                rows.Errors.Add(new SalesCsvException(
                    $"{rows.ErrorPrefix}Line {date.Line}, column '{date.Column}': the date '{date.Text}' " +
                    $"({date.Date:yyyy-MM-dd}) repeats line {earlier.Line}. In the wide layout each row holds one " +
                    "date's sales; delete the repeated row, or add the two rows' quantities into one row.",
                    date.Line,
                    date.Column,
                    date.Text));
            }
        }
    }

    // A long-form file with misspelt column names also looks wide, so the error message explains how the header
    // was read.
    private static decimal ParseQuantity(CsvRows rows, string text, long line, int column)
    {
        try
        {
            return SalesHistoryCsv.ParseQuantity(text, line, rows.Header[column], rows.ErrorPrefix);
        }
        catch (SalesCsvException exception)
        {
            throw new SalesCsvException(
                $"{exception.Message} The header has no 'product' or 'quantity' column, so the file was read as " +
                $"wide form, with '{rows.Header[column]}' as a product. For one sale per row, name the columns " +
                "date, customer, product and quantity.",
                line,
                rows.Header[column],
                text);
        }
    }

    private static void CheckUniqueProducts(CsvRows rows, int[] productColumns, Dictionary<int, string> products)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var column in productColumns)
        {
            var name = rows.Header[column];
            if (products[column].Length == 0 || !seen.Add(products[column]))
            {
                var problem = name.Length == 0 ? "has an empty name" : "repeats an earlier product";
                throw new SalesCsvException(
                    $"{rows.ErrorPrefix}Line 1: column {column + 1} '{name}' {problem}. In the wide layout every " +
                    "column after the date is one product and needs a unique name.",
                    1,
                    name);
            }
        }
    }
}
