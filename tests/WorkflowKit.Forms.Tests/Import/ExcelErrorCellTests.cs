using System.Globalization;
using System.Text;
using WorkflowKit.Forms.Tests.Support;
using WorkflowKit.Import;
using WorkflowKit.Records;

namespace WorkflowKit.Forms.Tests.Import;

/// <summary>Cells whose formula failed in Excel, such as #DIV/0!, in .xlsx and CSV files.</summary>
public sealed class ExcelErrorCellTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en");
    private TestWorld _world = null!;
    private string _folder = string.Empty;

    [SetUp]
    public async Task SetUp()
    {
        _world = await TestWorld.CreateAsync(ImportTestForms.Product());
        _world.AddAdmin("admin", "product");
        _folder = Directory.CreateTempSubdirectory("wk-excel-errors-").FullName;
    }

    [TearDown]
    public async Task TearDown()
    {
        await _world.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task<ImportResult> ImportXlsxAsync(
        IReadOnlyList<IReadOnlyList<object?>> rows, CultureInfo culture)
    {
        var path = Path.Combine(_folder, "products.xlsx");
        await ErrorCellWorkbook.WriteAsync(path, rows);
        await using var source = ExcelImportSource.Open(File.OpenRead(path), name: "products.xlsx");
        return await _world.Importer.ImportAsync(
            ImportTestForms.Product(), source, "admin", new ImportOptions { Culture = culture, SkipBadRows = true },
            None);
    }

    [Test]
    public async Task Number_cell_with_div0_names_the_error()
    {
        var result = await ImportXlsxAsync(
        [
            ["sku", "name", "price"],
            ["A1", "ok", 12.5],
            ["A2", "bad", new ErrorCellWorkbook.Error("#DIV/0!", "B3/0")],
        ], En);

        var error = result.Errors.Single();
        Assert.That(error.Message, Is.EqualTo(
            "products.xlsx row 3, column \"price\" (price): \"#DIV/0!\" is an Excel error (a division by zero), not " +
            "a number; fix the formula that produces it in the workbook, or clear the cell."));
        Assert.That(error.Value, Is.EqualTo("#DIV/0!"));
        Assert.That(error.Column, Is.EqualTo("price"));
        Assert.That(result.RowsWritten, Is.EqualTo(1));
    }

    [Test]
    public async Task Date_cell_with_na_names_the_error()
    {
        var result = await ImportXlsxAsync(
        [
            ["sku", "name", "launched"],
            ["A1", "ok", new ErrorCellWorkbook.Error("#N/A", "VLOOKUP(A2,D:E,2,FALSE)")],
        ], En);

        Assert.That(result.Errors.Single().Message, Is.EqualTo(
            "products.xlsx row 2, column \"launched\" (launched): \"#N/A\" is an Excel error (a value that is not " +
            "available, such as a lookup that found nothing), not a date; fix the formula that produces it in the " +
            "workbook, or clear the cell."));
    }

    [Test]
    public async Task Text_cell_with_ref_is_rejected()
    {
        var result = await ImportXlsxAsync(
        [
            ["sku", "name"],
            ["A1", new ErrorCellWorkbook.Error("#REF!", "#REF!&\"x\"")],
        ], En);

        Assert.That(result.Errors.Single().Message, Is.EqualTo(
            "products.xlsx row 2, column \"name\" (name): \"#REF!\" is an Excel error (a reference to a deleted " +
            "cell), not text; fix the formula that produces it in the workbook, or clear the cell."));
        Assert.That(result.RowsWritten, Is.Zero);
    }

    [Test]
    public async Task Error_message_in_chinese()
    {
        var result = await ImportXlsxAsync(
        [
            ["货号", "名称", "库存"],
            ["A1", "抗体", new ErrorCellWorkbook.Error("#VALUE!", "\"x\"+1")],
        ], CultureInfo.GetCultureInfo("zh-CN"));

        Assert.That(result.Errors.Single().Message, Is.EqualTo(
            "products.xlsx 第 2 行，“库存” 列 (stock)：“#VALUE!” 是 Excel 错误值（公式中的值类型错误），不是数字；" +
            "请在工作簿中修正产生它的公式，或清空这个单元格。"));
    }

    [Test]
    public async Task Source_returns_error_cells_as_error_values()
    {
        var path = Path.Combine(_folder, "cells.xlsx");
        await ErrorCellWorkbook.WriteAsync(path,
        [
            ["sku", "price"],
            ["#DIV/0! text", new ErrorCellWorkbook.Error("#DIV/0!", "1/0")],
        ]);
        await using var source = ExcelImportSource.Open(File.OpenRead(path), name: "cells.xlsx");

        var rows = new List<ImportSourceRow>();
        await foreach (var row in source.ReadRowsAsync(None))
        {
            rows.Add(row);
        }

        Assert.That(rows.Single().Cells[0], Is.EqualTo("#DIV/0! text"));
        Assert.That(rows.Single().Cells[1], Is.EqualTo(new ExcelErrorValue("#DIV/0!")));
    }

    [Test]
    public async Task Csv_error_text_in_number_field()
    {
        var path = Path.Combine(_folder, "products.csv");
        await File.WriteAllTextAsync(path, "sku,name,price\nA1,#N/A,#DIV/0!\n", Encoding.UTF8);
        await using var source = await CsvImportSource.OpenAsync(File.OpenRead(path), "products.csv", None);

        var result = await _world.Importer.ImportAsync(
            ImportTestForms.Product(), source, "admin", new ImportOptions { Culture = En }, None);

        Assert.That(result.Errors.Single().Message, Is.EqualTo(
            "products.csv row 2, column \"price\" (price): \"#DIV/0!\" is an Excel error (a division by zero), not " +
            "a number; fix the formula that produces it in the workbook, or clear the cell."));
    }

    [Test]
    public async Task Csv_error_text_in_text_field_is_kept()
    {
        var path = Path.Combine(_folder, "products.csv");
        await File.WriteAllTextAsync(path, "sku,name,price\nA1,#N/A,5\n", Encoding.UTF8);
        await using var source = await CsvImportSource.OpenAsync(File.OpenRead(path), "products.csv", None);

        var result = await _world.Importer.ImportAsync(
            ImportTestForms.Product(), source, "admin", new ImportOptions { Culture = En }, None);

        Assert.That(result.Errors, Is.Empty);
        var stored = (await _world.Store.QueryAsync(new RecordQuery("product"), null, None)).Items.Single();
        Assert.That(stored.Data["name"]!.GetValue<string>(), Is.EqualTo("#N/A"));
    }
}
