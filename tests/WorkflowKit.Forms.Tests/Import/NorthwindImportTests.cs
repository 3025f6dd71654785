using System.Globalization;
using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Conditions;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Definitions.Packages;
using WorkflowKit.Forms.Tests.Support;
using WorkflowKit.Import;
using WorkflowKit.Records;

namespace WorkflowKit.Forms.Tests.Import;

/// <summary>Imports the Northwind sample files, written by another project, as they are.</summary>
public sealed class NorthwindImportTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private TestWorld _world = null!;

    private static FormDefinition Orders() => new()
    {
        Key = "nwOrder",
        Name = new LocalizedText("订单", "Order"),
        Fields =
        [
            TestForms.Field("OrderID", FieldTypes.Number, "订单号", "Order ID"),
            TestForms.Field("CustomerID", FieldTypes.Text, "客户", "Customer"),
            TestForms.Field("OrderDate", FieldTypes.Date, "下单日期", "Order date"),
            TestForms.Field("ShippedDate", FieldTypes.Date, "发货日期", "Shipped date"),
            TestForms.Field("Freight", FieldTypes.Money, "运费", "Freight"),
            TestForms.Field("ShipName", FieldTypes.Text, "收货方", "Ship name"),
            TestForms.Field("ShipRegion", FieldTypes.Text, "收货区域", "Ship region"),
            TestForms.Field("UnitPrice", FieldTypes.Money, "单价", "Unit price"),
            TestForms.Field("Quantity", FieldTypes.Number, "数量", "Quantity"),
        ],
    };

    private static FormDefinition Customers()
    {
        var id = TestForms.Field("CustomerID", FieldTypes.Text, "客户编号", "Customer ID");
        id.Unique = true;
        id.Required = true;
        return new FormDefinition
        {
            Key = "nwCustomer",
            Fields =
            [
                id,
                TestForms.Field("CompanyName", FieldTypes.Text, "公司", "Company"),
                TestForms.Field("City", FieldTypes.Text, "城市", "City"),
                TestForms.Field("Region", FieldTypes.Text, "区域", "Region"),
                TestForms.Field("Country", FieldTypes.Text, "国家", "Country"),
            ],
        };
    }

    [SetUp]
    public async Task SetUp()
    {
        _world = await TestWorld.CreateAsync(Orders(), Customers());
        _world.AddAdmin("admin", "nwOrder", "nwCustomer");
    }

    [TearDown]
    public async Task TearDown() => await _world.DisposeAsync();

    [Test]
    public async Task Duplicated_header_fails_by_name()
    {
        var path = SharedData.Require("business/northwind/orders.csv");
        await using var source = await CsvImportSource.OpenAsync(File.OpenRead(path), "orders.csv", None);

        var error = Assert.ThrowsAsync<InvalidDataException>(() =>
            _world.Importer.ImportAsync(
                Orders(), source, "admin", new ImportOptions { Culture = CultureInfo.GetCultureInfo("en") }, None));

        Assert.That(error!.Message, Does.StartWith(
            "orders.csv: Column \"OrderID\" appears 2 times in the header (columns 1 and 15), so it is unclear which one to " +
            "import"));
        var stored = await _world.Store.QueryAsync(new RecordQuery("nwOrder") { Limit = 1 }, null, None);
        Assert.That(stored.Total, Is.Zero);
    }

    [Test]
    public async Task Orders_import_when_the_mapping_picks_the_occurrence()
    {
        var path = SharedData.Require("business/northwind/orders.csv");
        var dataRows = File.ReadLines(path).Count() - 1;
        var mapping = new ImportMapping
        {
            Columns =
            [
                new ImportColumnMapping("OrderID", "OrderID") { Occurrence = 2 },
                new ImportColumnMapping("CustomerID", "CustomerID"),
                new ImportColumnMapping("OrderDate", "OrderDate"),
                new ImportColumnMapping("ShippedDate", "ShippedDate"),
                new ImportColumnMapping("Freight", "Freight"),
                new ImportColumnMapping("ShipName", "ShipName"),
                new ImportColumnMapping("ShipRegion", "ShipRegion"),
                new ImportColumnMapping("UnitPrice", "UnitPrice"),
                new ImportColumnMapping("Quantity", "Quantity"),
            ],
        };
        await using var source = await CsvImportSource.OpenAsync(File.OpenRead(path), None);

        var result = await _world.Importer.ImportAsync(
            Orders(), source, "admin", new ImportOptions { Mapping = ImportMapping.FromJson(mapping.ToJson()) }, None);

        Assert.That(result.Errors, Is.Empty);
        Assert.That(result.RowsWritten, Is.EqualTo(dataRows));
        var first = (await _world.Store.QueryAsync(
            new RecordQuery("nwOrder") { Sort = [new SortOrder { Field = "$id" }], Limit = 1 },
            null, None)).Items.Single().Data;
        Assert.That(first["ShipName"]!.GetValue<string>(), Is.EqualTo("Vins et alcools Chevalier"));
        Assert.That(first["Freight"]!.GetValue<decimal>(), Is.EqualTo(32.38m));
        Assert.That(first.ContainsKey("ShipRegion"), Is.False);
    }

    [Test]
    public async Task Customers_keep_accents_and_skip_empty_regions()
    {
        var path = SharedData.Require("business/northwind/customers.csv");
        await using var source = await CsvImportSource.OpenAsync(File.OpenRead(path), None);

        var result = await _world.Importer.ImportAsync(Customers(), source, "admin", new ImportOptions(), None);

        Assert.That(result.Errors, Is.Empty);
        Assert.That(result.RowsWritten, Is.EqualTo(File.ReadLines(path).Count() - 1));
        var page = await _world.Store.QueryAsync(
            new RecordQuery("nwCustomer")
            {
                Filter = Condition.AllOf(new Rule
                {
                    Field = "CustomerID", Operator = "eq", Value = "ANATR",
                }),
            },
            null, None);
        Assert.That(page.Items.Single().Data["CompanyName"]!.GetValue<string>(),
            Is.EqualTo("Ana Trujillo Emparedados y helados"));
        Assert.That(page.Items.Single().Data["City"]!.GetValue<string>(), Is.EqualTo("México D.F."));
        Assert.That(page.Items.Single().Data.ContainsKey("Region"), Is.False);
    }
}
