using WorkflowKit.Import;

namespace WorkflowKit.Forms.Tests.Import;

/// <summary>A required field that no column feeds is one error for the file, not one per row.</summary>
public sealed class MissingColumnImportTests : PlanImportFixture
{
    private const string WithoutQuantity = "code,status\nC0001,approved\nC0002,draft\n";

    [Test]
    public async Task Missing_column_is_one_file_error()
    {
        var result = await ImportAsync(WithoutQuantity, En);

        Assert.That(result.FileErrors, Has.Count.EqualTo(1));
        Assert.That(result.FileErrors[0], Is.EqualTo(new ImportFileError(
            ImportRequiredColumns.MissingColumnCode, "quantity",
            "plans.csv: The file has no column for the required field Quantity (quantity). Add a column headed " +
            "quantity or 计划数量.") { File = "plans.csv" }));
        Assert.That(result.Errors, Is.Empty, "no row repeats the missing column");
        Assert.That(result.RowsRejected, Is.Zero);
        Assert.That(result.Committed, Is.False);
        Assert.That(result.RowsWritten, Is.Zero);
        Assert.That(await PlansAsync(), Is.Empty);
    }

    [Test]
    public async Task Missing_column_error_in_chinese()
    {
        var result = await ImportAsync(WithoutQuantity, Zh);

        Assert.That(result.FileErrors.Single().Message, Is.EqualTo(
            "plans.csv：文件中没有必填字段“计划数量”（quantity）的列。请添加表头为 quantity 或 计划数量 的列。"));
    }

    [Test]
    public async Task Missing_column_writes_nothing_when_skipping()
    {
        var result = await ImportAsync(WithoutQuantity, En, skipBadRows: true);

        Assert.That(result.FileErrors, Has.Count.EqualTo(1));
        Assert.That(result.Committed, Is.False);
        Assert.That(result.RowsWritten, Is.Zero);
        Assert.That(await PlansAsync(), Is.Empty);
    }

    [Test]
    public async Task Missing_column_keeps_other_row_errors()
    {
        var result = await ImportAsync("code,arrival\nC0001,2026-02-01\nT9002,2026-02-01\n", En);

        Assert.That(result.FileErrors.Single().Field, Is.EqualTo("quantity"));
        Assert.That(result.Errors.Single().Code, Is.EqualTo("pattern"));
        Assert.That(result.Errors.Single().Row, Is.EqualTo(3));
        Assert.That(result.RowsRejected, Is.EqualTo(1));
    }

    [Test]
    public async Task Field_with_default_needs_no_column()
    {
        var result = await ImportAsync("code,quantity\nC0001,5\n", En);

        Assert.That(result.FileErrors, Is.Empty);
        Assert.That(result.Errors, Is.Empty);
        Assert.That((await PlansAsync()).Single()["status"]!.GetValue<string>(), Is.EqualTo("draft"));
    }

    [Test]
    public async Task Unmapped_column_is_named()
    {
        var mapping = new ImportMapping { Columns = [new ImportColumnMapping("code", "code")] };

        var result = await ImportAsync("code,计划数量\nC0001,5\n", En, mapping: mapping);

        Assert.That(result.FileErrors.Single().Message, Is.EqualTo(
            "plans.csv: The file has a column \"计划数量\", but the mapping does not import it into the required field " +
            "Quantity (quantity). Map that column to the field."));
    }

    [Test]
    public async Task Preview_reports_missing_column_once()
    {
        var preview = await PreviewAsync(WithoutQuantity, En);

        Assert.That(preview.FileErrors.Single().Field, Is.EqualTo("quantity"));
        Assert.That(preview.Rows, Has.Count.EqualTo(2));
        Assert.That(preview.Rows.SelectMany(row => row.Errors), Is.Empty);
    }

    [Test]
    public void Mapping_step_check_needs_no_rows()
    {
        var errors = ImportRequiredColumns.Find(
            ImportTestForms.Plan(), "plans.csv", ["code", "status"], mapping: null, Zh);

        Assert.That(errors.Select(error => error.Field), Is.EqualTo(new[] { "quantity" }));
    }
}
