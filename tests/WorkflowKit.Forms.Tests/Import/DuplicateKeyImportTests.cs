using System.Globalization;
using WorkflowKit.Definitions.Packages;
using WorkflowKit.Forms.Tests.Support;
using WorkflowKit.Import;
using WorkflowKit.Records;

namespace WorkflowKit.Forms.Tests.Import;

/// <summary>A unique value that two rows of one file share: the preview and the import reject the same rows.</summary>
public sealed class DuplicateKeyImportTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en");
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
    public async Task Preview_and_import_reject_same_rows()
    {
        const string csv = "sku,name,price\nA1,first,1\nA2,,2\nA3,third,-5\nA4,fourth,4\nA1,again,6\n";

        var preview = await PreviewAsync(csv, En);
        var result = await ImportAsync(csv, new ImportOptions { Culture = En, SkipBadRows = true });

        var previewRows = preview.Rows.Where(row => row.Errors.Count > 0).Select(row => row.Row).ToList();
        Assert.That(previewRows, Is.EqualTo(new long[] { 3, 4, 6 }));
        Assert.That(result.Errors.Select(error => error.Row).Distinct(), Is.EqualTo(previewRows));
        Assert.That(result.RowsRejected, Is.EqualTo(previewRows.Count));
        Assert.That(preview.Rows.Single(row => row.Row == 6).Errors.Single().Message,
            Is.EqualTo(result.Errors.Single(error => error.Row == 6).Message));
        Assert.That(await SkusAsync(), Is.EqualTo(new[] { "A1", "A4" }));
    }

    [Test]
    public async Task Duplicate_message_names_first_row()
    {
        var result = await ImportAsync("sku,name\nA1,x\nA1,y\n", new ImportOptions { Culture = En });

        Assert.That(result.Errors.Single(), Is.EqualTo(new ImportRowError(
            3, "sku", "A1", "sku", "unique",
            "CSV file row 3, column \"sku\" (sku): \"SKU\" value \"A1\" is also in row 2 of this file; remove one of " +
            "the two rows or correct one of the values.") { File = "CSV file" }));
        Assert.That(result.Committed, Is.False);
        Assert.That(await SkusAsync(), Is.Empty);
    }

    [Test]
    public async Task Duplicate_message_in_chinese()
    {
        var result = await ImportAsync("货号,名称\nA1,x\nA2,y\nA1,z\n", new ImportOptions());

        Assert.That(result.Errors.Single().Message, Is.EqualTo(
            "CSV file 第 4 行，“货号” 列 (sku)：“货号” 的值 “A1” 与本文件第 2 行重复；请删除其中一行，或改正其中一个值。"));
    }

    [Test]
    public async Task Duplicate_of_rejected_row_is_rejected()
    {
        const string csv = "sku,name,price\nA1,first,-1\nA1,second,2\n";

        var preview = await PreviewAsync(csv, En);
        var result = await ImportAsync(csv, new ImportOptions { Culture = En, SkipBadRows = true });

        Assert.That(preview.Rows.Select(row => row.Errors.Count), Is.EqualTo(new[] { 1, 1 }));
        Assert.That(result.Errors.Select(error => (error.Row, error.Code)), Is.EqualTo(new[]
        {
            (2L, "range"), (3L, "unique"),
        }));
        Assert.That(await SkusAsync(), Is.Empty);
    }

    [Test]
    public async Task Stored_value_and_file_duplicate_get_own_messages()
    {
        await ImportAsync("sku,name\nA1,stored\n", new ImportOptions());

        var result = await ImportAsync("sku,name\nA1,x\nA1,y\n", new ImportOptions { Culture = En });

        Assert.That(result.Errors.Select(error => error.Row), Is.EqualTo(new long[] { 2, 3 }));
        Assert.That(result.Errors[0].Message, Does.Contain("\"SKU\" value \"A1\" is already used by another record"));
        Assert.That(result.Errors[1].Message, Does.Contain("\"SKU\" value \"A1\" is also in row 2 of this file"));
    }

    [Test]
    public async Task Blank_unique_cells_are_not_duplicates()
    {
        var form = ImportTestForms.Product();
        form.Fields[0].Required = false;
        await using var source = await CsvImportSource.OpenAsync(ImportTestForms.Csv("sku,name\n,x\n,y\n"), None);

        var preview = await _world.Importer.PreviewAsync(form, source, "admin", new ImportOptions(), 10, None);

        Assert.That(preview.Rows.SelectMany(row => row.Errors), Is.Empty);
    }

    private async Task<ImportPreview> PreviewAsync(string csv, CultureInfo culture)
    {
        await using var source = await CsvImportSource.OpenAsync(ImportTestForms.Csv(csv), None);
        return await _world.Importer.PreviewAsync(
            ImportTestForms.Product(), source, "admin", new ImportOptions { Culture = culture }, 100, None);
    }

    private async Task<ImportResult> ImportAsync(string csv, ImportOptions options)
    {
        await using var source = await CsvImportSource.OpenAsync(ImportTestForms.Csv(csv), None);
        return await _world.Importer.ImportAsync(ImportTestForms.Product(), source, "admin", options, None);
    }

    private async Task<List<string>> SkusAsync() =>
        [.. (await _world.Store.QueryAsync(new RecordQuery("product") { Sort = [new SortOrder { Field = "sku" }] },
            null, None)).Items.Select(item => item.Data["sku"]!.GetValue<string>())];
}
