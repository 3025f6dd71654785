using System.Globalization;
using System.Text.Json.Nodes;
using WorkflowKit.Forms.Tests.Support;
using WorkflowKit.Import;
using WorkflowKit.Records;

namespace WorkflowKit.Forms.Tests.Import;

/// <summary>
/// Cells whose text does not say what it means on its own: numbers and day-month orders in date columns, formulas
/// without a saved result, and codes with stray spaces.
/// </summary>
public sealed class CellMeaningImportTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en");
    private static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-CN");
    private TestWorld _world = null!;
    private string _folder = string.Empty;

    [SetUp]
    public async Task SetUp()
    {
        _world = await TestWorld.CreateAsync(ImportTestForms.Product(), ImportTestForms.Plan());
        _world.AddAdmin("admin", "product", "plan");
        _folder = Directory.CreateTempSubdirectory("wk-cell-meaning-").FullName;
    }

    [TearDown]
    public async Task TearDown()
    {
        await _world.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task<ImportResult> ImportCsvAsync(string csv, CultureInfo culture)
    {
        await using var source = await CsvImportSource.OpenAsync(
            ImportTestForms.Csv(csv), "products.csv", culture, None);
        return await _world.Importer.ImportAsync(
            ImportTestForms.Product(), source, "admin", new ImportOptions { Culture = culture, SkipBadRows = true },
            None);
    }

    private async Task<ImportResult> ImportXlsxAsync(IReadOnlyList<IReadOnlyList<object?>> rows, CultureInfo culture)
    {
        var path = Path.Combine(_folder, "products.xlsx");
        await ErrorCellWorkbook.WriteAsync(path, rows);
        await using var source = ExcelImportSource.Open(File.OpenRead(path), null, "products.xlsx", culture);
        return await _world.Importer.ImportAsync(
            ImportTestForms.Product(), source, "admin", new ImportOptions { Culture = culture, SkipBadRows = true },
            None);
    }

    private async Task<JsonObject?> ProductAsync(string sku) =>
        (await _world.Store.QueryAsync(new RecordQuery("product") { Limit = 100 }, null, None))
            .Items.Select(item => item.Data)
            .FirstOrDefault(data => data["sku"]?.GetValue<string>() == sku);

    [Test]
    public async Task Csv_number_in_date_column_is_rejected()
    {
        var result = await ImportCsvAsync("sku,name,launched\nA1,x,45000\nA2,y,2023-03-15\n", En);

        var error = result.Errors.Single();
        Assert.That(error.Message, Is.EqualTo(
            "products.csv row 2, column \"launched\" (launched): \"45000\" is a number, not a date, and a text cell " +
            "is never read as an Excel date serial; write the date as 2024-03-05, or, if Excel shows this column as " +
            "numbers, format it as a date (yyyy-mm-dd) before saving the CSV file."));
        Assert.That(error.Row, Is.EqualTo(2));
        Assert.That(error.Column, Is.EqualTo("launched"));
        Assert.That(await ProductAsync("A1"), Is.Null);
        Assert.That((await ProductAsync("A2"))!["launched"]!.GetValue<string>(), Is.EqualTo("2023-03-15"));
    }

    [Test]
    public async Task Csv_day_month_order_is_not_guessed()
    {
        var result = await ImportCsvAsync("sku,name,launched\nA1,x,5/1/2026\n", En);

        Assert.That(result.Errors.Single().Message, Is.EqualTo(
            "products.csv row 2, column \"launched\" (launched): \"5/1/2026\" has the year last, and the import does " +
            "not guess the order of day and month: it may be 2026-01-05 (day/month/year) or 2026-05-01 " +
            "(month/day/year); write the date year first, such as 2024-03-05 (yyyy-mm-dd), or format the column as " +
            "yyyy-mm-dd in Excel before saving the CSV file."));
        Assert.That(await ProductAsync("A1"), Is.Null);
    }

    [Test]
    public async Task Csv_day_month_order_message_in_chinese()
    {
        var result = await ImportCsvAsync("sku,name,launched\nA1,x,25.1.2026\n", Zh);

        Assert.That(result.Errors.Single().Message, Is.EqualTo(
            "products.csv 第 2 行，“launched” 列 (launched)：“25.1.2026” 的年份在最后，导入不猜测日和月的顺序：它只能读作 " +
            "2026-01-25，但同一列中其他日期的日月顺序可能不同；请把日期写成年份在前的形式，例如 2026-01-25（yyyy-mm-dd），" +
            "或在 Excel 中把这一列设为 yyyy-mm-dd 格式后再另存为 CSV。"));
    }

    [TestCase("5/1/2026 09:30")]
    [TestCase("05-01-26 09:30")]
    [TestCase("5/1/2026 9:30 AM")]
    [TestCase("5/1/2026T09:30Z")]
    public async Task Csv_date_time_with_year_last_is_rejected(string cell)
    {
        var result = await ImportCsvAsync($"sku,name,receivedAt\nA1,x,{cell}\n", En);

        Assert.That(result.Errors.Single().Message, Does.Contain("has the year last"));
        Assert.That(result.RowsWritten, Is.Zero);
    }

    [TestCase("2026-05-01", "2026-05-01")]
    [TestCase("2026/5/1", "2026-05-01")]
    [TestCase("2026.5.1", "2026-05-01")]
    [TestCase("2026年5月1日", "2026-05-01")]
    [TestCase("20260501", "2026-05-01")]
    [TestCase("1 May 2026", "2026-05-01")]
    public async Task Csv_year_first_and_month_name_dates_import(string cell, string stored)
    {
        var result = await ImportCsvAsync($"sku,name,launched\nA1,x,{cell}\n", En);

        Assert.That(result.Errors, Is.Empty);
        Assert.That((await ProductAsync("A1"))!["launched"]!.GetValue<string>(), Is.EqualTo(stored));
    }

    [Test]
    public async Task Excel_number_date_cell_is_serial()
    {
        var result = await ImportXlsxAsync([["sku", "name", "launched"], ["A1", "x", 45000.0]], En);

        Assert.That(result.Errors, Is.Empty);
        Assert.That((await ProductAsync("A1"))!["launched"]!.GetValue<string>(), Is.EqualTo("2023-03-15"));
    }

    [Test]
    public async Task Excel_text_number_date_rejected()
    {
        var result = await ImportXlsxAsync([["sku", "name", "launched"], ["A1", "x", "45000"]], En);

        Assert.That(result.Errors.Single().Message, Does.StartWith(
            "products.xlsx row 2, column \"launched\" (launched): \"45000\" is a number, not a date"));
    }

    [Test]
    public async Task Excel_formula_without_value_is_named()
    {
        var result = await ImportXlsxAsync(
        [
            ["sku", "name", "price"],
            ["A1", "x", new ErrorCellWorkbook.UncalculatedFormula("500*3")],
            ["A2", new ErrorCellWorkbook.UncalculatedFormula("UPPER(\"y\")"), 12.5],
        ], En);

        Assert.That(result.Errors.Select(error => error.Message), Is.EqualTo(new[]
        {
            "products.xlsx row 2, column \"price\" (price): \"=500*3\" is a formula without a saved value, as " +
            "programs that do not calculate formulas write them; open the file in Excel and save it, so that Excel " +
            "stores each formula's result, or type the value into the cell.",
            "products.xlsx row 3, column \"name\" (name): \"=UPPER(\"y\")\" is a formula without a saved value, as " +
            "programs that do not calculate formulas write them; open the file in Excel and save it, so that Excel " +
            "stores each formula's result, or type the value into the cell.",
        }));
        Assert.That(result.Errors.Select(error => error.Code), Is.All.EqualTo("conversion"));
        Assert.That(result.RowsWritten, Is.Zero);
    }

    [Test]
    public async Task Excel_formula_without_value_message_in_chinese()
    {
        var result = await ImportXlsxAsync(
            [["sku", "name", "price"], ["A1", "x", new ErrorCellWorkbook.UncalculatedFormula("B2*3")]], Zh);

        Assert.That(result.Errors.Single().Message, Is.EqualTo(
            "products.xlsx 第 2 行，“price” 列 (price)：“=B2*3” 是没有保存计算结果的公式，通常由不计算公式的程序写出；" +
            "请在 Excel 中打开并保存这个文件，让 Excel 保存公式的结果，或直接在单元格中填写值。"));
    }

    [Test]
    public async Task Excel_formula_with_saved_value_imports_value()
    {
        var result = await ImportXlsxAsync(
            [["sku", "name", "price"], ["A1", "x", new ErrorCellWorkbook.CalculatedFormula("500*3", 1500)]], En);

        Assert.That(result.Errors, Is.Empty);
        Assert.That((await ProductAsync("A1"))!["price"]!.GetValue<decimal>(), Is.EqualTo(1500m));
    }

    [Test]
    public async Task Key_cell_spaces_are_removed_and_reported()
    {
        var result = await ImportCsvAsync("sku,name\n\" A1\",x\n\"A2 \",\" y \"\n", En);

        Assert.That(result.Errors, Is.Empty);
        Assert.That(await ProductAsync("A1"), Is.Not.Null);
        Assert.That((await ProductAsync("A2"))!["name"]!.GetValue<string>(), Is.EqualTo(" y "),
            "a text field without a pattern or uniqueness keeps its spaces");
        Assert.That(result.TrimmedWarning, Is.EqualTo(
            "products.csv: 2 cells of code or unique-key columns start or end with spaces, which the import removes " +
            "(\" C0001\" is stored as \"C0001\"). column \"sku\": rows 2, 3."));
    }

    [Test]
    public async Task Pattern_code_with_space_passes_after_trim()
    {
        await using var source = await CsvImportSource.OpenAsync(
            ImportTestForms.Csv("code,quantity,status\n\" C9201\",5,draft\n"), "plans.csv", Zh, None);
        var preview = await _world.Importer.PreviewAsync(
            ImportTestForms.Plan(), source, "admin", new ImportOptions { Culture = Zh }, 10, None);

        Assert.That(preview.Rows.Single().Errors, Is.Empty);
        Assert.That(preview.Rows.Single().Data["code"]!.GetValue<string>(), Is.EqualTo("C9201"));
        Assert.That(preview.TrimmedWarning, Is.EqualTo(
            "plans.csv：编码或唯一字段的列中有 1 个单元格的开头或结尾有空格，导入时会去掉这些空格（例如 \" C0001\" 存为 \"C0001\"）。" +
            "“code” 列第 2 行。"));
    }
}
