using MiniExcelLibs;
using WorkflowKit.Definitions.Packages;
using WorkflowKit.Forms.Tests.Support;
using WorkflowKit.Import;
using WorkflowKit.Records;

namespace WorkflowKit.Forms.Tests.Import;

public sealed class ExcelImportTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private TestWorld _world = null!;

    [SetUp]
    public async Task SetUp()
    {
        _world = await TestWorld.CreateAsync(ImportTestForms.Product());
        _world.AddAdmin("admin", "product");
    }

    [TearDown]
    public async Task TearDown() => await _world.DisposeAsync();

    [Test]
    public async Task Xlsx_cells_convert_by_type()
    {
        var workbook = new MemoryStream();
        var rows = new[]
        {
            new Dictionary<string, object?>
            {
                ["货号"] = "X1", ["名称"] = "抗体", ["价格"] = 1234.5, ["上市日期"] = new DateTime(2024, 3, 5),
                ["库存"] = 12d, ["在售"] = true,
            },
            new Dictionary<string, object?>
            {
                ["货号"] = "X2", ["名称"] = "疫苗", ["价格"] = "1,000.25", ["上市日期"] = 45356d, ["库存"] = "7",
                ["在售"] = "否",
            },
        };
        MiniExcel.SaveAs(workbook, rows, excelType: ExcelType.XLSX);
        workbook.Position = 0;
        await using var source = ExcelImportSource.Open(workbook);

        var result = await _world.Importer.ImportAsync(ImportTestForms.Product(), source, "admin", new ImportOptions(),
            None);

        Assert.That(result.Errors, Is.Empty);
        var stored = (await _world.Store.QueryAsync(
            new RecordQuery("product") { Sort = [new SortOrder { Field = "sku" }] }, null, None)).Items;
        Assert.That(stored[0].Data["price"]!.GetValue<decimal>(), Is.EqualTo(1234.5m));
        Assert.That(stored[0].Data["launched"]!.GetValue<string>(), Is.EqualTo("2024-03-05"));
        Assert.That(stored[0].Data["active"]!.GetValue<bool>(), Is.True);
        Assert.That(stored[1].Data["price"]!.GetValue<decimal>(), Is.EqualTo(1000.25m));
        Assert.That(stored[1].Data["launched"]!.GetValue<string>(), Is.EqualTo("2024-03-05"));
        Assert.That(stored[1].Data["stock"]!.GetValue<decimal>(), Is.EqualTo(7m));
        Assert.That(stored[1].Data["active"]!.GetValue<bool>(), Is.False);
    }

    [Test]
    public async Task Row_numbers_follow_the_sheet()
    {
        var workbook = new MemoryStream();
        MiniExcel.SaveAs(workbook, new[]
        {
            new Dictionary<string, object?> { ["sku"] = "A", ["name"] = "ok" },
            new Dictionary<string, object?> { ["sku"] = "B", ["name"] = "" },
        }, excelType: ExcelType.XLSX);
        workbook.Position = 0;
        await using var source = ExcelImportSource.Open(workbook);

        var result = await _world.Importer.ImportAsync(ImportTestForms.Product(), source, "admin", new ImportOptions(),
            None);

        Assert.That(result.Errors.Single().Row, Is.EqualTo(3));
        Assert.That(result.Errors.Single().Column, Is.EqualTo("name"));
    }
}
