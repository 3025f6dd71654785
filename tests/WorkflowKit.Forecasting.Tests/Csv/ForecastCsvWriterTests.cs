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

    [Test]
    public async Task Write_EscapesFormulaNamesOnly()
    {
        var forecasts = new[]
        {
            new SeriesForecast(new SeriesKey("=HYPERLINK(\"http://x\")", "+Kit"), "ses", null,
            [
                new ForecastPoint(new DateOnly(2019, 1, 1), -2.5, -4, -1),
            ]),
            new SeriesForecast(new SeriesKey("@Ward", "-Kit"), "ses", null,
            [
                new ForecastPoint(new DateOnly(2019, 1, 1), 1, 0, 2),
            ]),
            new SeriesForecast(new SeriesKey("\tWard", "\rKit"), "ses", null,
            [
                new ForecastPoint(new DateOnly(2019, 1, 1), 1, 0, 2),
            ]),
            new SeriesForecast(new SeriesKey("Ward 3", "Kit-A"), "ses", null,
            [
                new ForecastPoint(new DateOnly(2019, 1, 1), 1, 0, 2),
            ]),
        };
        using var writer = new StringWriter(CultureInfo.InvariantCulture);

        await ForecastCsvWriter.WriteAsync(writer, forecasts);
        var lines = writer.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.That(lines[1], Is.EqualTo("2019-01-01,\"'=HYPERLINK(\"\"http://x\"\")\",'+Kit,-2.5,-4,-1"));
        Assert.That(lines[2], Is.EqualTo("2019-01-01,'@Ward,'-Kit,1,0,2"));
        Assert.That(lines[3], Is.EqualTo("2019-01-01,'\tWard,\"'\rKit\",1,0,2"));
        Assert.That(lines[4], Is.EqualTo("2019-01-01,Ward 3,Kit-A,1,0,2"));
    }
}
