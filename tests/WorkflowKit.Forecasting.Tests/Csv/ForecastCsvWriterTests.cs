using System.Globalization;
using WorkflowKit.Forecasting.Csv;

namespace WorkflowKit.Forecasting.Tests.Csv;

public sealed class ForecastCsvWriterTests
{
    [Test]
    public async Task Write_OneRowPerSeriesAndPeriod()
    {
        var forecasts = new[]
        {
            new SeriesForecast(new SeriesKey("Hospital, East", "Kit A"), "ses", 0.9,
            [
                new ForecastPoint(new DateOnly(2019, 1, 1), 10.123456, 8, 12.5),
                new ForecastPoint(new DateOnly(2019, 2, 1), 10.5, 7.25, 13),
            ]),
            new SeriesForecast(new SeriesKey(null, "R06"), "naive", null,
            [
                new ForecastPoint(new DateOnly(2019, 1, 1), 0, 0, 0),
            ]),
        };
        using var writer = new StringWriter(CultureInfo.InvariantCulture);

        await ForecastCsvWriter.WriteAsync(writer, forecasts);
        var lines = writer.ToString()
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.TrimEnd('\r'));

        Assert.That(lines, Is.EqualTo(new[]
        {
            "period,customer,product,forecast,lower,upper",
            "2019-01-01,\"Hospital, East\",Kit A,10.1235,8,12.5",
            "2019-02-01,\"Hospital, East\",Kit A,10.5,7.25,13",
            "2019-01-01,,R06,0,0,0",
        }));
    }
}
