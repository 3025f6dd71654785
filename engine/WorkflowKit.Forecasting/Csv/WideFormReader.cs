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

        var observations = new List<SalesObservation>();
        while (await rows.NextAsync(cancellationToken).ConfigureAwait(false) is var (fields, line))
        {
            var date = rows.Errors.Check(
                () => SalesHistoryCsv.ParseDate(fields[0], line, rows.Header[0], rows.ErrorPrefix));
            foreach (var column in productColumns)
            {
                if (fields[column].Trim().Length == 0)
                {
                    continue;
                }

                var quantity = rows.Errors.Check(() => ParseQuantity(rows, fields[column], line, column));
                if (date is { } day && quantity is { } units)
                {
                    observations.Add(new SalesObservation(day, null, products[column], units));
                }
            }
        }

        rows.Errors.ThrowIfAny();
        return observations;
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
