using System.Globalization;
using CsvHelper;

namespace WorkflowKit.Forecasting.Csv;

/// <summary>
/// Converts the wide layout of the pharma-sales data set (a <c>datum</c> column, then one quantity column per
/// product) to long form: one observation per date and product, without a customer.
/// </summary>
public static class WideSalesConverter
{
    /// <summary>Reads wide CSV text and returns its observations in long form.</summary>
    /// <exception cref="SalesCsvException">The text is not in the wide layout, or a field is invalid.</exception>
    public static async Task<IReadOnlyList<SalesObservation>> ToLongAsync(
        TextReader wideCsv,
        string? sourceName = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(wideCsv);

        var header = await wideCsv.ReadLineAsync(cancellationToken).ConfigureAwait(false);
        var columns = header?.Split(',') ?? [];
        var prefix = sourceName is null ? string.Empty : $"{sourceName}: ";
        if (header is null || SalesHistoryCsv.DetectLayout(columns, prefix) != SalesCsvLayout.Wide)
        {
            throw new SalesCsvException(
                $"{prefix}Line 1: expected a wide header such as 'datum,M01AB,N02BE', but found '{header}'.",
                1);
        }

        var rest = await wideCsv.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        using var joined = new StringReader(header + "\n" + rest);
        return await SalesHistoryCsv.ReadAsync(joined, sourceName, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Converts wide CSV text to long CSV with the header <c>date,customer,product,quantity</c>.</summary>
    /// <exception cref="SalesCsvException">The text is not in the wide layout, or a field is invalid.</exception>
    public static async Task ConvertAsync(
        TextReader wideCsv,
        TextWriter longCsv,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(longCsv);

        var observations = await ToLongAsync(wideCsv, null, cancellationToken).ConfigureAwait(false);
        await using var csv = new CsvWriter(longCsv, CultureInfo.InvariantCulture, leaveOpen: true);
        foreach (var name in new[] { "date", "customer", "product", "quantity" })
        {
            csv.WriteField(name);
        }

        await csv.NextRecordAsync().ConfigureAwait(false);
        foreach (var observation in observations)
        {
            csv.WriteField(observation.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            csv.WriteField(observation.Customer ?? string.Empty);
            csv.WriteField(observation.Product);
            csv.WriteField(observation.Quantity.ToString(CultureInfo.InvariantCulture));
            await csv.NextRecordAsync().ConfigureAwait(false);
        }

        await csv.FlushAsync().ConfigureAwait(false);
    }
}
