using System.Globalization;
using System.Text.Json;

namespace WorkflowKit.Samples.Tests.Generation;

public sealed class OrderHistoryTests : GeneratedSamplesFixture
{
    private static readonly int[] FluSeasonMonths = [9, 10, 11];
    private static readonly int[] SpringMonths = [3, 4, 5];

    [Test]
    public void Orders_ThreeYearsBeforeToday()
    {
        var dates = Orders.Rows.Select(row => Values.Date(row["orderDate"])).ToList();

        Assert.That(Orders.Rows, Has.Count.GreaterThanOrEqualTo(1000));
        Assert.That(dates.Min(), Is.LessThanOrEqualTo(Today.AddYears(-3).AddDays(10)));
        Assert.That(dates.Min(), Is.GreaterThanOrEqualTo(Today.AddYears(-3).AddMonths(-1)));
        Assert.That(dates.Max(), Is.LessThan(Today));
    }

    [Test]
    public void Orders_NumbersFollowSerialPattern()
    {
        Assert.That(Orders.Rows.Select(row => row["orderNo"]), Is.Unique);
        foreach (var row in Orders.Rows)
        {
            var datePart = Values.Date(row["orderDate"]).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
            Assert.That(row["orderNo"], Does.Match($"^SO-{datePart}-\\d{{4}}$"));
        }
    }

    [Test]
    public void Orders_LineProductsExist()
    {
        var products = Products.Rows.Select(row => row["code"]).ToHashSet(StringComparer.Ordinal);

        foreach (var row in Orders.Rows)
        {
            var lines = Lines(row);
            Assert.That(lines, Is.Not.Empty, row["orderNo"]);
            Assert.That(lines.Select(line => line.Product).Distinct(), Is.SubsetOf(products), row["orderNo"]);
            Assert.That(lines.Select(line => line.Quantity), Has.All.GreaterThan(0), row["orderNo"]);
        }
    }

    [Test]
    public void Orders_CustomerFieldsMatchMasterData()
    {
        var customers = CustomersByCode();

        foreach (var row in Orders.Rows)
        {
            Assert.That(customers.ContainsKey(row["customer"]), Is.True, row["orderNo"]);
            var customer = customers[row["customer"]];
            Assert.That(row["customerName"], Is.EqualTo(customer["name"]), row["orderNo"]);
            Assert.That(row["region"], Is.EqualTo(customer["region"]), row["orderNo"]);
        }
    }

    [Test]
    public void Orders_TotalIsSumOfLineAmounts()
    {
        foreach (var row in Orders.Rows)
        {
            var expected = Lines(row).Sum(line => line.Quantity * line.UnitPrice);
            Assert.That(Values.Money(row["total"]), Is.EqualTo(expected), row["orderNo"]);
        }
    }

    [Test]
    public void Orders_ShippedOnesHaveShippingDate()
    {
        foreach (var row in Orders.Rows)
        {
            var shipped = row["status"] == "shipped";
            Assert.That(row["shippedDate"] != string.Empty, Is.EqualTo(shipped), row["orderNo"]);
            if (shipped)
            {
                var date = Values.Date(row["shippedDate"]);
                Assert.That(date, Is.GreaterThanOrEqualTo(Values.Date(row["orderDate"])), row["orderNo"]);
                Assert.That(date, Is.LessThan(Today), row["orderNo"]);
            }
        }
    }

    [Test]
    public void SalesHistory_EqualsLinesOfOrdersNotCancelled()
    {
        var fromOrders = Orders.Rows
            .Where(row => row["status"] != "cancelled")
            .SelectMany(row => Lines(row).Select(line => (Date: row["orderDate"], Customer: row["customer"],
                line.Product, line.Quantity)))
            .GroupBy(line => (line.Date, line.Customer, line.Product))
            .ToDictionary(group => group.Key, group => group.Sum(line => line.Quantity));
        var fromHistory = SalesHistory.Rows
            .GroupBy(row => (row["date"], row["customer"], row["product"]))
            .ToDictionary(group => group.Key, group => group.Sum(row => Values.Integer(row["quantity"])));

        Assert.That(SalesHistory.Header, Is.EqualTo(new[] { "date", "customer", "product", "quantity" }));
        Assert.That(fromHistory, Has.Count.EqualTo(fromOrders.Count));
        foreach (var (key, quantity) in fromOrders)
        {
            Assert.That(fromHistory.GetValueOrDefault(key), Is.EqualTo(quantity), key.ToString());
        }
    }

    [Test]
    public void SalesHistory_FluVaccinePeaksInAutumn()
    {
        var fluVaccines = Products.Rows
            .Where(row => row["category"] == "vaccine" && row["name"].Contains("流感病毒裂解疫苗", StringComparison.Ordinal))
            .Select(row => row["code"])
            .ToHashSet(StringComparer.Ordinal);
        var byMonth = SalesHistory.Rows
            .Where(row => fluVaccines.Contains(row["product"]))
            .GroupBy(row => Values.Date(row["date"]).Month)
            .ToDictionary(group => group.Key, group => group.Sum(row => Values.Integer(row["quantity"])));

        var autumn = FluSeasonMonths.Sum(month => byMonth.GetValueOrDefault(month));
        var spring = SpringMonths.Sum(month => byMonth.GetValueOrDefault(month));

        Assert.That(fluVaccines, Is.Not.Empty);
        Assert.That(autumn, Is.GreaterThan(spring * 3));
    }

    [Test]
    public void SalesHistory_RespiratoryTestsPeakInWinter()
    {
        var influenzaTests = Products.Rows
            .Where(row => row["category"] == "ivdReagent" && row["name"].Contains("流感病毒抗原", StringComparison.Ordinal))
            .Select(row => row["code"])
            .ToHashSet(StringComparer.Ordinal);
        var winter = Quantity(influenzaTests, [12, 1, 2]);
        var summer = Quantity(influenzaTests, [6, 7, 8]);

        Assert.That(influenzaTests, Is.Not.Empty);
        Assert.That(winter, Is.GreaterThan(summer * 1.5m));
    }

    private decimal Quantity(HashSet<string> products, int[] months) => SalesHistory.Rows
        .Where(row => products.Contains(row["product"]) && months.Contains(Values.Date(row["date"]).Month))
        .Sum(row => Values.Integer(row["quantity"]));

    private static List<Line> Lines(IReadOnlyDictionary<string, string> row)
    {
        using var document = JsonDocument.Parse(row["lines"]);
        return [.. document.RootElement.EnumerateArray().Select(line => new Line(
            line.GetProperty("product").GetString()!,
            line.GetProperty("quantity").GetInt32(),
            line.GetProperty("unitPrice").GetDecimal()))];
    }

    private sealed record Line(string Product, int Quantity, decimal UnitPrice);
}
