using System.Globalization;
using System.Text;
using WorkflowKit.Forms.Tests.Support;
using WorkflowKit.Import;
using WorkflowKit.Records;

namespace WorkflowKit.Forms.Tests.Import;

/// <summary>Row errors and warnings of files written to disk, as the CLI and the designer open them.</summary>
public sealed class ImportErrorMessageTests
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
        _folder = Directory.CreateTempSubdirectory("wk-import-errors-").FullName;
    }

    [TearDown]
    public async Task TearDown()
    {
        await _world.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task<CsvImportSource> OpenCsvAsync(string name, byte[] content)
    {
        var path = Path.Combine(_folder, name);
        await File.WriteAllBytesAsync(path, content);
        return await CsvImportSource.OpenAsync(File.OpenRead(path), name, None);
    }

    private async Task<ImportResult> ImportAsync(IImportSource source, CultureInfo culture, bool skipBadRows = false)
    {
        await using (source)
        {
            return await _world.Importer.ImportAsync(
                ImportTestForms.Product(), source, "admin",
                new ImportOptions { Culture = culture, SkipBadRows = skipBadRows }, None);
        }
    }

    private async Task<long> ProductCountAsync() =>
        (await _world.Store.QueryAsync(new RecordQuery("product"), null, None)).Total;

    [Test]
    public async Task Utf8_conversion_error_names_file_once()
    {
        var source = await OpenCsvAsync(
            "products.csv", Encoding.UTF8.GetBytes("sku,name,price\nA1,ok,1\nA2,bad,\"12,5O0\"\n"));

        var result = await ImportAsync(source, En);

        var error = result.Errors.Single();
        Assert.That(error.Message, Is.EqualTo(
            "products.csv row 3, column \"price\" (price): \"12,5O0\" is not a number; write digits with an optional " +
            "decimal point, such as 1,234.50."));
        Assert.That(error.File, Is.EqualTo("products.csv"));
        Assert.That(error.Row, Is.EqualTo(3));
        Assert.That(error.Code, Is.EqualTo("conversion"));
        Assert.That(await ProductCountAsync(), Is.Zero);
    }

    [Test]
    public async Task Gbk_validation_error_gives_the_fix()
    {
        var source = await OpenCsvAsync(
            "产品.csv", CsvEncodingDetector.Gb18030.GetBytes("货号,名称,价格\nA1,抗体,1\nA2,,2\n"));

        var result = await ImportAsync(source, CultureInfo.GetCultureInfo("zh-CN"));

        Assert.That(result.Errors.Single().Message, Is.EqualTo(
            "产品.csv 第 3 行，“名称” 列 (name)：“名称” 为必填项；请在文件中填写这一列。"));
    }

    [Test]
    public async Task Excel_error_names_the_workbook()
    {
        var path = Path.Combine(_folder, "products.xlsx");
        await MiniExcelLibs.MiniExcel.SaveAsAsync(path, new[]
        {
            new Dictionary<string, object> { ["sku"] = "A1", ["name"] = "ok", ["launched"] = "soon" },
        });

        var result = await ImportAsync(ExcelImportSource.Open(File.OpenRead(path), name: "products.xlsx"), En);

        Assert.That(result.Errors.Single().Message, Is.EqualTo(
            "products.xlsx row 2, column \"launched\" (launched): \"soon\" is not a date; write it as 2024-03-05 or " +
            "2024/3/5."));
    }

    [Test]
    public async Task Csv_row_wider_than_header_is_rejected()
    {
        // The unquoted comma in "Acme, Shanghai" splits the name into two cells.
        var source = await OpenCsvAsync(
            "wide.csv", Encoding.UTF8.GetBytes("sku,price,name\nA1,1,ok\nA2,2,Acme, Shanghai\n"));

        var result = await ImportAsync(source, En, skipBadRows: true);

        var error = result.Errors.Single();
        Assert.That(error.Message, Is.EqualTo(
            "wide.csv row 3: the row has 4 cells but the header has 3 columns; if a value contains a comma (or the " +
            "file's delimiter), put the value in double quotes, such as \"Acme, Shanghai Ltd\", otherwise add a " +
            "header for the extra column or delete the extra cells."));
        Assert.That(error.Row, Is.EqualTo(3));
        Assert.That(error.Code, Is.EqualTo("columns"));
        Assert.That(result.RowsWritten, Is.EqualTo(1));
        Assert.That(await ProductCountAsync(), Is.EqualTo(1));
    }

    [Test]
    public async Task Csv_row_wider_than_header_in_chinese()
    {
        var source = await OpenCsvAsync(
            "产品.csv", Encoding.UTF8.GetBytes("货号,名称\nA1,Acme, Shanghai\n"));

        var result = await ImportAsync(source, CultureInfo.GetCultureInfo("zh-CN"));

        Assert.That(result.Errors.Single().Message, Does.StartWith(
            "产品.csv 第 2 行：这一行有 3 个单元格，但表头只有 2 列；"));
        Assert.That(await ProductCountAsync(), Is.Zero);
    }

    [TestCase("sku,name\nA1,ok,,\n")]
    [TestCase("sku,name\nA1,ok, \n")]
    [TestCase("sku,name,\nA1,ok,\n")]
    public async Task Csv_empty_trailing_cells_are_accepted(string csv)
    {
        var source = await OpenCsvAsync("trailing.csv", Encoding.UTF8.GetBytes(csv));

        var result = await ImportAsync(source, En);

        Assert.That(result.Errors, Is.Empty);
        Assert.That(await ProductCountAsync(), Is.EqualTo(1));
    }

    [Test]
    public async Task Excel_value_past_header_is_warned()
    {
        // Without a printed header the first row is the header, so its empty C and D cells end it after column B.
        // A spreadsheet cell keeps its column, so the value in D is a column with a blank header, not a shifted row.
        var path = Path.Combine(_folder, "wide.xlsx");
        await MiniExcelLibs.MiniExcel.SaveAsAsync(path, new[]
        {
            new Dictionary<string, object?> { ["A"] = "sku", ["B"] = "name", ["C"] = null, ["D"] = null },
            new Dictionary<string, object?> { ["A"] = "A1", ["B"] = "ok", ["C"] = null, ["D"] = null },
            new Dictionary<string, object?> { ["A"] = "A2", ["B"] = "Acme", ["C"] = null, ["D"] = " Shanghai" },
        }, printHeader: false);

        var result = await ImportAsync(
            ExcelImportSource.Open(File.OpenRead(path), name: "wide.xlsx"), En, skipBadRows: true);

        Assert.That(result.Errors, Is.Empty);
        Assert.That(result.BlankHeaderColumns, Is.EqualTo(new[] { 4 }));
        Assert.That(result.BlankHeaderWarning, Does.StartWith(
            "wide.xlsx: column 4 (blank header) has values, which are not imported"));
        Assert.That(await ProductCountAsync(), Is.EqualTo(2));
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task Unclosed_quote_rejects_the_file(bool skipBadRows)
    {
        var path = Path.Combine(_folder, "quoted.csv");
        await File.WriteAllTextAsync(path, "sku,name,price\nA1,ok,1\nA2,\"never closed,2\nA3,z,3\nA4,w,4\n");

        var error = Assert.ThrowsAsync<InvalidDataException>(async () =>
            await ImportAsync(await CsvImportSource.OpenAsync(File.OpenRead(path), "quoted.csv", None), En,
                skipBadRows));

        Assert.That(error!.Message, Is.EqualTo(
            "quoted.csv row 3, column \"name\": the quoted value that starts with \"never closed,2 A3,z,3 A4,w,4 \" " +
            "has no closing quote, so the rest of the file would be read into this one cell and nothing was " +
            "imported. Add the closing quote (\") or remove the opening one, then import the file again."));
        Assert.That(await ProductCountAsync(), Is.Zero);
    }

    [Test]
    public async Task Unclosed_quote_after_multiline_row_gives_line()
    {
        var content = CsvEncodingDetector.Gb18030.GetBytes(
            "货号,名称,价格\nA1,\"两行\n名称\",1\nA2,\"未闭合,2\n");

        var error = Assert.ThrowsAsync<InvalidDataException>(() => OpenCsvAsync("gbk.csv", content));

        Assert.That(error!.Message, Does.StartWith(
            "gbk.csv row 3 (line 4 of the file), column \"名称\": the quoted value that starts with \"未闭合,2 \""));
    }

    [Test]
    public async Task Unclosed_quote_message_in_chinese()
    {
        var path = Path.Combine(_folder, "gbk.csv");
        await File.WriteAllBytesAsync(path, CsvEncodingDetector.Gb18030.GetBytes(
            "货号,名称,价格\nA1,\"两行\n名称\",1\nA2,\"未闭合,2\n"));

        var error = Assert.ThrowsAsync<InvalidDataException>(() => CsvImportSource.OpenAsync(
            File.OpenRead(path), "gbk.csv", CultureInfo.GetCultureInfo("zh-CN"), None));

        Assert.That(error!.Message, Is.EqualTo(
            "gbk.csv 第 3 行（文件的第 4 行），“名称” 列：以 “未闭合,2 ” 开头的带引号的值没有结束引号，文件的其余部分会被读进" +
            "这一个单元格，所以没有导入任何内容。请补上结束引号（\"）或删除开头的引号，然后重新导入文件。"));
    }

    [Test]
    public void Empty_csv_message_in_chinese()
    {
        var error = Assert.ThrowsAsync<InvalidDataException>(() => CsvImportSource.OpenAsync(
            new MemoryStream(), "空.csv", CultureInfo.GetCultureInfo("zh-CN"), None));

        Assert.That(error!.Message, Is.EqualTo("空.csv 是空文件；文件应以表头行开始，下面是数据行。"));
    }

    [TestCase("sku,name,note\nA1,\"say \"\"hi\"\"\",x\n")]
    [TestCase("sku,name,note\nA1,ab\"c,x\n")]
    [TestCase("sku,name,note\nA1,\"multi\nline\",x\n")]
    public async Task Closed_and_literal_quotes_are_accepted(string csv)
    {
        await using var source = await OpenCsvAsync("fine.csv", Encoding.UTF8.GetBytes(csv));

        Assert.That(source.Headers, Is.EqualTo(new[] { "sku", "name", "note" }));
    }

    [Test]
    public async Task Unmapped_columns_are_warned_in_result()
    {
        var source = await OpenCsvAsync(
            "products.csv", Encoding.UTF8.GetBytes("sku,name,prcie,,Colour\nA1,ok,1,,red\n"));

        var result = await ImportAsync(source, En);

        Assert.That(result.Committed, Is.True);
        Assert.That(result.UnmappedColumns, Is.EqualTo(new[] { "prcie", "Colour" }));
        Assert.That(result.UnmappedWarning, Is.EqualTo(
            "products.csv: column(s) \"prcie\", \"Colour\" match no field of form 'product' and are not imported; if " +
            "a header is misspelt, correct it to the field's label or key, or map the column to a field."));
    }

    [TestCase("sku,name,,price\nA1,ok,note,1\nA2,ok,,2\n", "column 3 (blank header) has")]
    [TestCase("sku,name,price,\nA1,ok,1,\nA2,ok,2,note\n", "column 4 (blank header) has")]
    [TestCase("sku,,name,\nA1,x,ok,y\n", "columns 2, 4 (blank header) have")]
    public async Task Blank_header_with_values_is_warned(string csv, string columns)
    {
        var source = await OpenCsvAsync("products.csv", Encoding.UTF8.GetBytes(csv));

        var result = await ImportAsync(source, En);

        Assert.That(result.Committed, Is.True);
        Assert.That(result.UnmappedWarning, Is.Null);
        Assert.That(result.BlankHeaderWarning, Is.EqualTo(
            $"products.csv: {columns} values, which are not imported because no field takes a column without a " +
            "header. Type the field's label or key into the header cell, or map the column to a field, or delete " +
            "the column if it is not needed."));
    }

    [TestCase(2)]
    [TestCase(3)]
    public async Task Blank_excel_header_with_values_is_warned(int blankColumn)
    {
        var file = Path.Combine(_folder, "products.xlsx");
        IReadOnlyList<object?> header = blankColumn == 2 ? ["sku", null, "name"] : ["sku", "name", null];
        await ErrorCellWorkbook.WriteAsync(file, [header, ["A1", "ok", "note"]]);
        var source = ExcelImportSource.Open(File.OpenRead(file), name: "products.xlsx");

        var result = await ImportAsync(source, En, skipBadRows: true);

        Assert.That(result.BlankHeaderColumns, Is.EqualTo(new[] { blankColumn }));
        Assert.That(result.BlankHeaderWarning, Does.StartWith(
            $"products.xlsx: column {blankColumn} (blank header) has values, which are not imported"));
    }

    [Test]
    public async Task Blank_header_without_values_is_not_warned()
    {
        var source = await OpenCsvAsync("products.csv", Encoding.UTF8.GetBytes("sku,name,,price,\nA1,ok,,1,\n"));

        var result = await ImportAsync(source, En);

        Assert.That(result.BlankHeaderColumns, Is.Empty);
        Assert.That(result.BlankHeaderWarning, Is.Null);
    }

    [Test]
    public async Task Missing_required_column_names_blank_header()
    {
        var source = await OpenCsvAsync("products.csv", Encoding.UTF8.GetBytes("sku,,price\nA1,Widget,2\n"));

        var result = await ImportAsync(source, En);

        Assert.That(result.Committed, Is.False);
        Assert.That(result.Errors, Is.Empty);
        Assert.That(result.FileErrors.Single().Message, Is.EqualTo(
            "products.csv: The file has no column for the required field Name (name). Add a column headed name or " +
            "名称. Column 2 has values under a blank header; if one of them holds this field, type name or 名称 " +
            "into its header cell."));
        Assert.That(result.BlankHeaderWarning, Does.StartWith("products.csv: column 2 (blank header) has"));
    }

    [Test]
    public async Task Blank_header_is_warned_in_preview()
    {
        await using var source = await OpenCsvAsync("产品.csv", Encoding.UTF8.GetBytes("货号,名称,\nA1,抗体,备注\n"));

        var preview = await _world.Importer.PreviewAsync(
            ImportTestForms.Product(), source, "admin", new ImportOptions(), 5, None);

        Assert.That(preview.BlankHeaderWarning, Does.StartWith("产品.csv：第 3 列的表头为空，但下面有数据"));
    }

    [Test]
    public async Task Unmapped_columns_are_warned_in_preview()
    {
        await using var source = await OpenCsvAsync("产品.csv", Encoding.UTF8.GetBytes("货号,名称,价钱\nA1,抗体,1\n"));

        var preview = await _world.Importer.PreviewAsync(
            ImportTestForms.Product(), source, "admin", new ImportOptions(), 5, None);

        Assert.That(preview.UnmappedColumns, Is.EqualTo(new[] { "价钱" }));
        Assert.That(preview.UnmappedWarning, Does.StartWith("产品.csv：“价钱” 列没有对应表单 “product” 的字段，不会导入"));
    }

    [Test]
    public async Task Fully_mapped_file_has_no_warning()
    {
        var source = await OpenCsvAsync("products.csv", Encoding.UTF8.GetBytes("sku,name\nA1,ok\n"));

        var result = await ImportAsync(source, En);

        Assert.That(result.UnmappedColumns, Is.Empty);
        Assert.That(result.UnmappedWarning, Is.Null);
    }
}
