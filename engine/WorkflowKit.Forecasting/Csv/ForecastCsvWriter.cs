using System.Globalization;
using CsvHelper;

namespace WorkflowKit.Forecasting.Csv;

/// <summary>
/// Writes forecasts as CSV with the header <c>period,customer,product,forecast,lower,upper</c>: one row per series
/// and period, the period as its first day (yyyy-MM-dd), an empty customer for product-only series, empty lower and
/// upper cells for a point without an interval, and quantities rounded to four decimals in the invariant culture. A
/// customer or product name that a spreadsheet would run as a formula (starting with <c>=</c>, <c>+</c>, <c>-</c>,
/// <c>@</c>, a tab or a carriage return) gets a leading apostrophe. The quantity columns are written as plain numbers.
/// </summary>
public static class ForecastCsvWriter
{
    public static async Task WriteAsync(
        TextWriter writer,
        IEnumerable<SeriesForecast> forecasts,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(forecasts);

        await using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture, leaveOpen: true);
        foreach (var name in new[] { "period", "customer", "product", "forecast", "lower", "upper" })
        {
            csv.WriteField(name);
        }

        await csv.NextRecordAsync().ConfigureAwait(false);
        foreach (var forecast in forecasts)
        {
            foreach (var point in forecast.Points)
            {
                cancellationToken.ThrowIfCancellationRequested();
                csv.WriteField(point.PeriodStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                csv.WriteField(SpreadsheetText.Escape(forecast.Series.Customer ?? string.Empty));
                csv.WriteField(SpreadsheetText.Escape(forecast.Series.Product));
                csv.WriteField(Format(point.Forecast));
                csv.WriteField(point.Lower is { } lower ? Format(lower) : string.Empty);
                csv.WriteField(point.Upper is { } upper ? Format(upper) : string.Empty);
                await csv.NextRecordAsync().ConfigureAwait(false);
            }
        }

        await csv.FlushAsync().ConfigureAwait(false);
    }

    private static string Format(double quantity) => quantity.ToString("0.####", CultureInfo.InvariantCulture);
}
