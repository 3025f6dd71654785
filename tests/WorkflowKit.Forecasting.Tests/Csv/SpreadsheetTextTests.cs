using System.Globalization;
using CsvHelper;
using WorkflowKit.Forecasting.Csv;
using RecordText = WorkflowKit.Import.SpreadsheetText;

namespace WorkflowKit.Forecasting.Tests.Csv;

public sealed class SpreadsheetTextTests
{
    private static readonly string[] Names =
    [
        "=SUM(A1)", "'=SUM(A1)", "''+1", "+Kit", "-Kit", "@Ward", "\tWard", "'\rKit", "'abc", "'5", "'", "''",
        "Kit-A", "Ward 3",
    ];

    [TestCaseSource(nameof(Names))]
    public void Escape_MatchesRecordExport(string name) =>
        Assert.That(SpreadsheetText.Escape(name), Is.EqualTo(RecordText.Escape(name)));

    [Test]
    public async Task ForecastFile_NamesSurviveImport()
    {
        var forecasts = Names
            .Select(name => new SeriesForecast(new SeriesKey(name, name), "ses", null,
            [
                new ForecastPoint(new DateOnly(2019, 1, 1), 1, 0, 2),
            ]))
            .ToList();
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        await ForecastCsvWriter.WriteAsync(writer, forecasts);

        using var csv = new CsvReader(new StringReader(writer.ToString()), CultureInfo.InvariantCulture);
        await csv.ReadAsync();
        csv.ReadHeader();
        var imported = new List<(string Customer, string Product)>();
        while (await csv.ReadAsync())
        {
            imported.Add((RecordText.Unescape(csv.GetField("customer")!), RecordText.Unescape(csv.GetField("product")!)));
        }

        Assert.That(imported.Select(row => row.Customer), Is.EqualTo(Names));
        Assert.That(imported.Select(row => row.Product), Is.EqualTo(Names));
    }
}
