namespace WorkflowKit.Forecasting.Csv;

/// <summary>
/// Reads rows of <c>date,customer,product,quantity</c>, where the customer column may be absent or empty. Customer
/// and product names go through <see cref="SeriesKey.NormalizeName"/>.
/// </summary>
internal static class LongFormReader
{
    public static async Task<IReadOnlyList<SalesObservation>> ReadAsync(
        CsvRows rows,
        CancellationToken cancellationToken)
    {
        var dateColumn = rows.IndexOf("date");
        var customerColumn = rows.IndexOf("customer");
        var productColumn = rows.IndexOf("product");
        var quantityColumn = rows.IndexOf("quantity");

        var read = new List<(CsvDate Date, string? Customer, string Product, decimal Quantity)>();
        var yearLast = new YearLastDates();
        while (await rows.NextAsync(cancellationToken).ConfigureAwait(false) is var (fields, line))
        {
            var date = rows.Errors.CheckObject(() => CsvDate.Parse(
                fields[dateColumn], line, rows.Header[dateColumn], rows.ErrorPrefix));
            var product = SeriesKey.NormalizeName(fields[productColumn]);
            if (product.Length == 0)
            {
                rows.Errors.Add(new SalesCsvException(
                    $"{rows.ErrorPrefix}Line {line}, column '{rows.Header[productColumn]}': the product is empty. " +
                    "Every row needs a product code or name.",
                    line,
                    rows.Header[productColumn],
                    fields[productColumn]));
            }

            var quantity = rows.Errors.Check(() => SalesHistoryCsv.ParseQuantity(
                fields[quantityColumn], line, rows.Header[quantityColumn], rows.ErrorPrefix));
            if (date is null || product.Length == 0 || quantity is null)
            {
                continue;
            }

            var customer = customerColumn >= 0 ? SeriesKey.NormalizeName(fields[customerColumn]) : string.Empty;
            yearLast.Add(date);
            read.Add((date, customer.Length > 0 ? customer : null, product, quantity.Value));
        }

        yearLast.Resolve(rows.Errors, rows.ErrorPrefix);
        rows.Errors.ThrowIfAny();
        return [.. read.Select(row => new SalesObservation(row.Date.Date, row.Customer, row.Product, row.Quantity))];
    }
}
