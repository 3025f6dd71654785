using System.Globalization;
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

    [Test]
    public void Empty_sheet_names_file_and_sheet()
    {
        var error = Assert.Throws<InvalidDataException>(() => ExcelImportSource.Open(EmptyWorkbook(), name: "产品.xlsx"));

        Assert.That(error!.Message, Is.EqualTo(
            "The first sheet (\"Sheet1\") of 产品.xlsx is empty; expected a header row followed by data rows. Type the " +
            "headers into its first row and the data below them; if the data is on another sheet, make that sheet the " +
            "first one; also check that you chose the right file."));
    }

    [Test]
    public void Unreadable_workbook_names_file()
    {
        var csv = new MemoryStream("sku,name\nA1,x\n"u8.ToArray());

        var error = Assert.Throws<InvalidDataException>(() => ExcelImportSource.Open(csv, name: "产品.xlsx"));

        Assert.That(error!.Message, Does.StartWith("产品.xlsx could not be read as an Excel workbook ("));
        Assert.That(error.Message, Does.EndWith(
            "). Open it in Excel, save it again as an .xlsx file and import that file."));
    }

    [Test]
    public void Empty_sheet_in_chinese()
    {
        var error = Assert.Throws<InvalidDataException>(() => ExcelImportSource.Open(
            EmptyWorkbook(), null, "产品.xlsx", CultureInfo.GetCultureInfo("zh-CN")));

        Assert.That(error!.Message, Is.EqualTo(
            "产品.xlsx 的第一个工作表“Sheet1”是空的；导入需要第一行是表头，下面是数据行。请在这个工作表中填写表头和数据；" +
            "如果数据在其他工作表中，请把那个工作表移到最前面；也请检查是否选错了文件。"));
    }

    [Test]
    public void Empty_named_sheet_in_chinese()
    {
        var workbook = new MemoryStream();
        MiniExcel.SaveAs(workbook, new Dictionary<string, object>
        {
            ["产品"] = new[] { new Dictionary<string, object?> { ["sku"] = "A" } },
            ["库存"] = Array.Empty<Dictionary<string, object?>>(),
        }, printHeader: false, excelType: ExcelType.XLSX);
        workbook.Position = 0;

        var error = Assert.Throws<InvalidDataException>(() => ExcelImportSource.Open(
            workbook, "库存", "产品.xlsx", CultureInfo.GetCultureInfo("zh-CN")));

        Assert.That(error!.Message, Does.StartWith("产品.xlsx 的工作表“库存”是空的；"));
        Assert.That(error.Message, Does.Contain("请改为导入那个工作表"));
    }

    [Test]
    public async Task Mapping_errors_in_chinese()
    {
        var workbook = new MemoryStream();
        MiniExcel.SaveAs(workbook, new[]
        {
            new Dictionary<string, object?> { ["货号"] = "A", ["名称"] = "抗体" },
        }, excelType: ExcelType.XLSX);
        var chinese = CultureInfo.GetCultureInfo("zh-CN");

        var missing = await ImportErrorAsync(workbook, chinese, new ImportColumnMapping("颜色", "name"));
        var twice = await ImportErrorAsync(
            workbook, chinese, new ImportColumnMapping("货号", "sku"), new ImportColumnMapping("名称", "sku"));
        var unknown = await ImportErrorAsync(workbook, chinese, new ImportColumnMapping("名称", "colour"));

        Assert.That(missing, Is.EqualTo(
            "产品.xlsx：表头中没有“颜色”列；表头包含：“货号”、“名称”。请在映射中改选表头中的列，或检查是否选错了文件。"));
        Assert.That(twice, Is.EqualTo(
            "产品.xlsx：映射把“货号”列和“名称”列都对应到字段 “货号”（sku）；每个字段只能从一列导入，请把其中一列改为其他字段，或不导入这一列。"));
        Assert.That(unknown, Does.StartWith("产品.xlsx：映射把“名称”列对应到字段 “colour”，但表单 “product” 没有这个字段；"));
    }

    [Test]
    public async Task Duplicate_header_in_chinese()
    {
        var workbook = new MemoryStream();
        MiniExcel.SaveAs(workbook, new[]
        {
            new Dictionary<string, object?> { ["A"] = "货号", ["B"] = "名称", ["C"] = "名称" },
            new Dictionary<string, object?> { ["A"] = "X1", ["B"] = "抗体", ["C"] = "疫苗" },
        }, printHeader: false, excelType: ExcelType.XLSX);

        var error = await ImportErrorAsync(workbook, CultureInfo.GetCultureInfo("zh-CN"),
            new ImportColumnMapping("名称", "name"));

        Assert.That(error, Does.StartWith("产品.xlsx：“名称”列在表头中出现了 2 次（第 2、3 列），无法确定把哪一列导入字段 “名称”（name）；"));
        Assert.That(error, Does.EndWith("请重命名其中一列，或在映射中用 \"occurrence\": 1 指定第一列、2 指定第二列。"));
    }

    /// <summary>Imports <paramref name="workbook"/> with <paramref name="columns"/> and returns the error.</summary>
    private async Task<string> ImportErrorAsync(
        MemoryStream workbook, CultureInfo culture, params ImportColumnMapping[] columns)
    {
        await using var source = ExcelImportSource.Open(
            new MemoryStream(workbook.ToArray()), null, "产品.xlsx", culture);
        var options = new ImportOptions { Mapping = new ImportMapping { Columns = columns }, Culture = culture };

        var error = Assert.ThrowsAsync<InvalidDataException>(() =>
            _world.Importer.ImportAsync(ImportTestForms.Product(), source, "admin", options, None));
        return error!.Message;
    }

    private static MemoryStream EmptyWorkbook()
    {
        var workbook = new MemoryStream();
        MiniExcel.SaveAs(workbook, Array.Empty<Dictionary<string, object?>>(), printHeader: false,
            excelType: ExcelType.XLSX);
        workbook.Position = 0;
        return workbook;
    }
}
