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

        var observations = new List<SalesObservation>();
        while (await rows.NextAsync(cancellationToken).ConfigureAwait(false) is var (fields, line))
        {
            var date = rows.Errors.Check(() => SalesHistoryCsv.ParseDate(
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
            observations.Add(new SalesObservation(
                date.Value, customer.Length > 0 ? customer : null, product, quantity.Value));
        }

        rows.Errors.ThrowIfAny();
        return observations;
    }
}
