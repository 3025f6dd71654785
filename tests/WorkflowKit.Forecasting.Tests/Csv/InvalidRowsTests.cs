using WorkflowKit.Forecasting.Csv;

namespace WorkflowKit.Forecasting.Tests.Csv;

/// <summary>Every invalid row of a sales file is reported at once, and names are compared as printed.</summary>
public sealed class InvalidRowsTests
{
    [Test]
    public void Read_CollectsEveryInvalidField()
    {
        const string Text = "date,customer,product,quantity\n" +
                            "2024-13-01,C1,P1,1,5\n" +
                            "2024-13-01,C1,,1.5.0\n" +
                            "2024-01-01,C1,P1,2\n" +
                            "2024-02-01,C1,\u200B,2\n";

        var error = Assert.ThrowsAsync<SalesCsvException>(() => SalesHistoryCsv.ReadAsync(new StringReader(Text), "s.csv"));

        Assert.That(error!.ErrorCount, Is.EqualTo(5));
        Assert.That(error.Errors.Select(item => (item.Line, item.Column)), Is.EqualTo(new (long, string?)[]
        {
            (2, null), (3, "date"), (3, "product"), (3, "quantity"), (5, "product"),
        }));
        Assert.That(error.Line, Is.EqualTo(2));
        Assert.That(error.Message, Does.EndWith(
            "s.csv: 3 rows are invalid, with 5 errors in all (4 data rows read), so nothing was read from the file. " +
            "Correct the rows listed above and run the command again."));
    }

    [Test]
    public void Read_OneInvalidFieldKeepsItsMessage()
    {
        const string Text = "date,product,quantity\n2024-01-01,P1,x\n";

        var error = Assert.ThrowsAsync<SalesCsvException>(() => SalesHistoryCsv.ReadAsync(new StringReader(Text), "s.csv"));

        Assert.That(error!.Message, Does.StartWith("s.csv: Line 2, column 'quantity': 'x' is not a valid quantity."));
        Assert.That(error.ErrorCount, Is.EqualTo(1));
    }

    [TestCase("Kit\u200BA", "KitA")]
    [TestCase("\uFEFF Kit A\u00A0", "Kit A")]
    [TestCase("Caf\u0065\u0301", "Caf\u00E9")]
    [TestCase("\u202EKit\u202C", "Kit")]
    [TestCase("Kit\u00ADA", "KitA")]
    public void NormalizeName_DropsInvisibleCharacters(string raw, string expected)
    {
        Assert.That(SeriesKey.NormalizeName(raw), Is.EqualTo(expected));
    }

    [Test]
    public void Read_WideZeroWidthDuplicateRejected()
    {
        const string Text = "datum,N02BE,N02BE\u200B\n2018-01-31,1,2\n";

        var error = Assert.ThrowsAsync<SalesCsvException>(() => SalesHistoryCsv.ReadAsync(new StringReader(Text), "w.csv"));

        Assert.That(error!.Message, Does.StartWith("w.csv: Line 1: column 3 'N02BE\u200B' repeats an earlier product."));
    }

    [Test]
    public void Forecast_ZeroWidthSpaceJoinsSeries()
    {
        var history = new[]
        {
            new SalesObservation(new DateOnly(2024, 1, 1), "C1", "Kit", 5m),
            new SalesObservation(new DateOnly(2024, 2, 1), "C1\u200B", "Kit\u200B", 7m),
        };

        var forecasts = new DemandForecaster().Forecast(history, Periodicity.Month, 1);

        Assert.That(forecasts.Select(forecast => forecast.Series), Is.EqualTo(new[] { new SeriesKey("C1", "Kit") }));
    }
}
