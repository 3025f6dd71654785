namespace WorkflowKit.Forecasting.Csv;

/// <summary>Reads rows of <c>date,customer,product,quantity</c>; the customer column may be absent or empty.</summary>
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
            var date = SalesHistoryCsv.ParseDate(fields[dateColumn], line, rows.Header[dateColumn], rows.ErrorPrefix);
            var product = fields[productColumn].Trim();
            if (product.Length == 0)
            {
                throw new SalesCsvException(
                    $"{rows.ErrorPrefix}Line {line}, column '{rows.Header[productColumn]}': the product is empty. " +
                    "Every row needs a product code or name.",
                    line,
                    rows.Header[productColumn],
                    fields[productColumn]);
            }

            var quantity = SalesHistoryCsv.ParseQuantity(
                fields[quantityColumn], line, rows.Header[quantityColumn], rows.ErrorPrefix);
            var customer = customerColumn >= 0 && fields[customerColumn].Trim().Length > 0
                ? fields[customerColumn].Trim()
                : null;
            observations.Add(new SalesObservation(date, customer, product, quantity));
        }

        return observations;
    }
}
