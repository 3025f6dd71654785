using System.Globalization;
using WorkflowKit.Forecasting.Csv;

namespace WorkflowKit.Forecasting.Tests.Csv;

public sealed class WideSalesConverterTests
{
    private const string Wide = """
        datum,M01AB,N02BE,R06
        2014-01-31,127.69000000000001,878.0300000000002,48.2
        2014-02-28,133.32,,36.2
        """;

    [Test]
    public async Task ToLong_OneObservationPerCell()
    {
        var observations = await WideSalesConverter.ToLongAsync(new StringReader(Wide));

        Assert.That(observations, Is.EqualTo(new[]
        {
            new SalesObservation(new DateOnly(2014, 1, 31), null, "M01AB", 127.69000000000001m),
            new SalesObservation(new DateOnly(2014, 1, 31), null, "N02BE", 878.0300000000002m),
            new SalesObservation(new DateOnly(2014, 1, 31), null, "R06", 48.2m),
            new SalesObservation(new DateOnly(2014, 2, 28), null, "M01AB", 133.32m),
            new SalesObservation(new DateOnly(2014, 2, 28), null, "R06", 36.2m),
        }));
    }

    [Test]
    public async Task ToLong_SkipsCalendarColumns()
    {
        const string daily = "datum,M01AB,N05C,Year,Month,Hour,Weekday Name\n1/13/2014,0,3.67,2014,1,248,Monday\n";

        var observations = await WideSalesConverter.ToLongAsync(new StringReader(daily));

        Assert.That(observations.Select(observation => observation.Product), Is.EqualTo(new[] { "M01AB", "N05C" }));
        Assert.That(observations.Select(observation => observation.Date), Has.All.EqualTo(new DateOnly(2014, 1, 13)));
        Assert.That(observations[1].Quantity, Is.EqualTo(3.67m));
    }

    [Test]
    public void ToLong_RejectsLongForm()
    {
        var exception = Assert.ThrowsAsync<SalesCsvException>(
            () => WideSalesConverter.ToLongAsync(new StringReader("date,product,quantity\n2018-01-01,A,1\n")));

        Assert.That(exception!.Message, Does.Contain("expected a wide header"));
    }

    [Test]
    public void ToLong_RejectsDuplicateProduct()
    {
        var exception = Assert.ThrowsAsync<SalesCsvException>(
            () => WideSalesConverter.ToLongAsync(new StringReader("datum,A,B,A\n2018-01-01,1,2,3\n")));

        Assert.That(exception!.Message, Does.Contain("column 4 'A' repeats an earlier product"));
    }

    [Test]
    public async Task Convert_RoundTripsThroughLongForm()
    {
        using var longCsv = new StringWriter(CultureInfo.InvariantCulture);

        await WideSalesConverter.ConvertAsync(new StringReader(Wide), longCsv);
        var lines = longCsv.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var reread = await SalesHistoryCsv.ReadAsync(new StringReader(longCsv.ToString()));

        Assert.That(lines[0].TrimEnd('\r'), Is.EqualTo("date,customer,product,quantity"));
        Assert.That(lines[1].TrimEnd('\r'), Is.EqualTo("2014-01-31,,M01AB,127.69000000000001"));
        Assert.That(reread, Is.EqualTo(await WideSalesConverter.ToLongAsync(new StringReader(Wide))));
    }

    [Test]
    public async Task PharmaMonthly_EveryCellBecomesObservation()
    {
        var path = SharedData.PharmaMonthly;
        var lines = File.ReadAllLines(path).Where(line => line.Length > 0).ToArray();
        var products = lines[0].Split(',')[1..];
        var firstRow = lines[1].Split(',');

        var observations = await SalesHistoryCsv.ReadFileAsync(path);

        Assert.That(observations, Has.Count.EqualTo((lines.Length - 1) * products.Length));
        Assert.That(observations.Select(observation => observation.Product).Distinct(), Is.EqualTo(products));
        Assert.That(observations.Select(observation => observation.Customer), Has.All.Null);
        var firstDate = DateOnly.ParseExact(firstRow[0], "yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.That(observations[0].Date, Is.EqualTo(firstDate));
        Assert.That(observations[0].Quantity, Is.EqualTo(decimal.Parse(firstRow[1], CultureInfo.InvariantCulture)));
    }

    [Test]
    public async Task PharmaWeekly_ReadsMonthDayYearDates()
    {
        var path = SharedData.PharmaWeekly;
        var firstRow = File.ReadLines(path).Skip(1).First().Split(',');

        var observations = await SalesHistoryCsv.ReadFileAsync(path);

        var firstDate = DateOnly.ParseExact(firstRow[0], "M/d/yyyy", CultureInfo.InvariantCulture);
        Assert.That(observations[0].Date, Is.EqualTo(firstDate));
        Assert.That(observations.Select(observation => observation.Product).Distinct().Count(), Is.EqualTo(8));
    }
}
