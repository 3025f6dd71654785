using System.Globalization;
using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Forms.Tests.Support;
using WorkflowKit.Records;

namespace WorkflowKit.Forms.Tests.Forms;

/// <summary>
/// Lookup ranges and record values with a validity period read the price row valid on the order date, or today in
/// the time zone when the order has no date, on a real SQLite record store.
/// </summary>
public sealed class PriceValidityTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en");
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private TestWorld _world = null!;

    private static RecordValidity Validity() =>
        new() { FromField = "validFrom", ToField = "validTo", DateField = "orderDate" };

    private static FormDefinition Price() => new()
    {
        Key = "price",
        Fields =
        [
            TestForms.Field("product", FieldTypes.Text, "产品", "Product"),
            TestForms.Field("unitPrice", FieldTypes.Money, "价格", "Price"),
            TestForms.Field("validFrom", FieldTypes.Date, "生效日期", "Valid from"),
            TestForms.Field("validTo", FieldTypes.Date, "失效日期", "Valid to"),
        ],
    };

    private static FormDefinition Order()
    {
        var unitPrice = TestForms.Field("unitPrice", FieldTypes.Money, "单价", "Unit price");
        unitPrice.Scale = 2;
        unitPrice.LookupRange = new LookupRange
        {
            Form = "price", ValueField = "unitPrice", Match = new() { ["product"] = "product" }, MinPercent = 90,
            Validity = Validity(),
        };
        var lines = TestForms.Field("lines", FieldTypes.SubTable, "明细", "Lines");
        lines.Fields = [TestForms.Field("product", FieldTypes.Text, "产品", "Product"), unitPrice];
        var listPrice = TestForms.Field("listPrice", FieldTypes.Money, "目录价", "List price");
        listPrice.RecordValue = new RecordValue
        {
            Form = "price", ValueField = "unitPrice", Match = new() { ["product"] = "product" }, Validity = Validity(),
        };
        return new FormDefinition
        {
            Key = "order",
            Fields =
            [
                TestForms.Field("orderDate", FieldTypes.Date, "订单日期", "Order date"),
                TestForms.Field("product", FieldTypes.Text, "产品", "Product"),
                listPrice,
                lines,
            ],
        };
    }

    [SetUp]
    public async Task SetUp()
    {
        _world = await TestWorld.CreateAsync(Price(), Order());
        _world.AddAdmin("admin", "price", "order");

        // The 2024 price is stored first, so the 2023 price is the newest record but not the one valid in 2024.
        await AddPriceAsync(200m, "2024-01-01", null);
        await AddPriceAsync(100m, "2023-01-01", "2023-12-31");
        await AddPriceAsync(999m, "2021-01-01", "2021-12-31", product: "IVD-2");
    }

    [TearDown]
    public async Task TearDown() => await _world.DisposeAsync();

    private Task AddPriceAsync(decimal price, string from, string? to, string product = "IVD-1") =>
        _world.Store.CreateAsync(
            "price",
            new JsonObject
            {
                ["product"] = product, ["unitPrice"] = price, ["validFrom"] = from, ["validTo"] = to,
            },
            new RecordWriteContext("admin"),
            None);

    private static JsonObject OrderData(string? orderDate, decimal unitPrice, string product = "IVD-1") => new()
    {
        ["orderDate"] = orderDate,
        ["product"] = product,
        ["lines"] = new JsonArray(new JsonObject { ["product"] = product, ["unitPrice"] = unitPrice }),
    };

    private async Task<IReadOnlyList<FieldError>> ValidateAsync(JsonObject data) =>
        (await _world.Submissions.ValidateAsync(Order(), data, new FormSubmissionContext("admin", En), None)).Errors;

    [Test]
    public async Task LookupRange_UsesPriceValidOnOrderDate()
    {
        var errors = await ValidateAsync(OrderData("2024-03-01", 150m));

        var error = errors.Single();
        Assert.That(error.Path, Is.EqualTo("lines[0].unitPrice"));
        Assert.That(error.Code, Is.EqualTo("lookupRange"));
        Assert.That(error.Message, Is.EqualTo(
            "Row 1: \"Unit price\" 150 is below the minimum 180.00 (90% of unitPrice 200.00 in price)"));
    }

    [Test]
    public async Task LookupRange_AcceptsEarlierPriceOnEarlierDate()
    {
        var errors = await ValidateAsync(OrderData("2023-12-31", 95m));

        Assert.That(errors, Is.Empty);
    }

    [Test]
    public async Task LookupRange_NoValidRowNamesDate()
    {
        var errors = await ValidateAsync(OrderData("2022-06-30", 95m));

        var error = errors.Single();
        Assert.That(error.Path, Is.EqualTo("lines[0].unitPrice"));
        Assert.That(error.Message, Is.EqualTo(
            "Row 1: \"Unit price\" cannot be checked: no price record you may read has product = \"IVD-1\" and is " +
            "valid on 2022-06-30; add a record valid on that date first"));
    }

    [Test]
    public async Task LookupRange_ExpiredOnlyRowRejected()
    {
        var errors = await ValidateAsync(OrderData("2024-03-01", 999m, product: "IVD-2"));

        Assert.That(errors.Single().Message, Does.Contain("is valid on 2024-03-01"));
    }

    /// <summary>
    /// At 20:00 UTC on 5 March 2024 it is already 6 March in Shanghai, so an order without a date is priced with the
    /// row that starts on 6 March.
    /// </summary>
    [Test]
    public async Task LookupRange_EmptyDateUsesTodayInZone()
    {
        await AddPriceAsync(300m, "2024-03-06", null, product: "IVD-3");
        await AddPriceAsync(100m, "2024-01-01", "2024-03-05", product: "IVD-3");
        _world.Time.SetUtcNow(new DateTimeOffset(2024, 3, 5, 20, 0, 0, TimeSpan.Zero));

        var errors = await ValidateAsync(OrderData(null, 200m, product: "IVD-3"));

        Assert.That(errors.Single().Message, Does.Contain("minimum 270.00"));
    }

    [Test]
    public async Task RecordValue_CopiesPriceValidOnOrderDate()
    {
        var early = OrderData("2023-06-01", 100m);
        var late = OrderData("2024-06-01", 200m);
        var dates = new RecordValueDates(new DateOnly(2024, 3, 5), Shanghai, En);

        var earlyErrors = await RecordValues.FillAsync(Order(), early, "admin", _world.Reader, _world.Store, dates, None);
        var lateErrors = await RecordValues.FillAsync(Order(), late, "admin", _world.Reader, _world.Store, dates, None);

        Assert.That(earlyErrors, Is.Empty);
        Assert.That(lateErrors, Is.Empty);
        Assert.That(early["listPrice"]!.GetValue<decimal>(), Is.EqualTo(100m));
        Assert.That(late["listPrice"]!.GetValue<decimal>(), Is.EqualTo(200m));
    }

    [Test]
    public async Task RecordValue_EmptyDateUsesToday()
    {
        var data = OrderData(null, 100m);
        var dates = new RecordValueDates(new DateOnly(2023, 7, 1), Shanghai, En);

        var errors = await RecordValues.FillAsync(Order(), data, "admin", _world.Reader, _world.Store, dates, None);

        Assert.That(errors, Is.Empty);
        Assert.That(data["listPrice"]!.GetValue<decimal>(), Is.EqualTo(100m));
    }

    [Test]
    public async Task RecordValue_NoValidRowIsError()
    {
        var data = OrderData("2022-06-30", 100m);
        data["listPrice"] = 1m;
        var dates = new RecordValueDates(new DateOnly(2024, 3, 5), Shanghai, En);

        var errors = await RecordValues.FillAsync(Order(), data, "admin", _world.Reader, _world.Store, dates, None);

        var error = errors.Single();
        Assert.That(error.Path, Is.EqualTo("listPrice"));
        Assert.That(error.Code, Is.EqualTo("recordValue"));
        Assert.That(error.Message, Is.EqualTo(
            "\"List price\" cannot be filled: no price record you may read has product = \"IVD-1\" and is valid on " +
            "2022-06-30; add a record valid on that date first"));
        Assert.That(data.ContainsKey("listPrice"), Is.False, "the caller's value is not kept");
    }
}
