using WorkflowKit.Definitions.Packages;
using WorkflowKit.Forms.Tests.Support;
using WorkflowKit.Import;
using WorkflowKit.Organization;
using WorkflowKit.Records;

namespace WorkflowKit.Forms.Tests.Import;

public sealed class RecordsCliTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private TestWorld _world = null!;
    private string _folder = string.Empty;
    private StringWriter _output = null!;
    private StringWriter _error = null!;
    private RecordsCli _cli = null!;

    [SetUp]
    public async Task SetUp()
    {
        _world = await TestWorld.CreateAsync(ImportTestForms.Product());
        _world.Directory.Add(new OrgUser("buyer", "b", null, ["buyer"], new Dictionary<string, string>()));
        _world.Rules.Add(new PermissionRule
        {
            Role = "buyer", Form = "product", Actions = ["read", "export"], HiddenFields = ["price"],
        });
        _folder = Directory.CreateTempSubdirectory("wk-cli-").FullName;
        _output = new StringWriter();
        _error = new StringWriter();
        _cli = new RecordsCli(
            new RecordsCliServices(
                _world.Db.Database, _world.Store, _world.Store, _world.Store, _world.Directory, _world.Rules,
                _world.Participation),
            _output, _error);
    }

    [TearDown]
    public async Task TearDown()
    {
        await _world.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
        _output.Dispose();
        _error.Dispose();
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Test]
    public async Task Import_with_mapping_and_skip_bad_rows()
    {
        var file = Write("p.csv", "Code,Title,Cost\nA1,x,1.5\nA2,,2\nA3,z,3\n");
        var mapping = Write("m.json", new ImportMapping
        {
            Columns = [new("Code", "sku"), new("Title", "name"), new("Cost", "price")],
        }.ToJson());

        var exit = await _cli.ImportAsync("product", file, mapping, skipBadRows: true, asUser: null, None);

        Assert.That(exit, Is.EqualTo(RecordsCli.Failed));
        Assert.That(_output.ToString().Trim(), Is.EqualTo("Imported 2 of 3 rows into 'product' (1 rejected)."));
        Assert.That(_error.ToString().Trim(), Is.EqualTo(
            "p.csv row 3, column \"Title\" (name): \"Name\" is required; fill in this column in the file."));
        var stored = await _world.Store.QueryAsync(new RecordQuery("product"), null, None);
        Assert.That(stored.Items.Select(i => i.CreatedBy), Is.All.EqualTo("system"));
    }

    [Test]
    public async Task Import_rejects_number_and_year_last_dates()
    {
        var file = Write("p.csv", "sku,name,launched\nA1,x,45000\nA2,y,5/1/2026\nA3,z,2026-05-01\n");

        var exit = await _cli.ImportAsync("product", file, null, skipBadRows: false, asUser: null, None);

        var errors = _error.ToString().Trim().Split(Environment.NewLine);
        Assert.That(exit, Is.EqualTo(RecordsCli.Failed));
        Assert.That(errors[0], Does.StartWith(
            "p.csv row 2, column \"launched\" (launched): \"45000\" is a number, not a date"));
        Assert.That(errors[1], Does.StartWith(
            "p.csv row 3, column \"launched\" (launched): \"5/1/2026\" has the year last, and the import does not " +
            "guess the order of day and month: it may be 2026-01-05 (day/month/year) or 2026-05-01 (month/day/year)"));
        Assert.That((await _world.Store.QueryAsync(new RecordQuery("product"), null, None)).Items, Is.Empty);
    }

    [Test]
    public async Task Import_names_formula_without_value()
    {
        var file = Path.Combine(_folder, "p.xlsx");
        await ErrorCellWorkbook.WriteAsync(file,
            [["sku", "name", "price"], ["A1", new ErrorCellWorkbook.UncalculatedFormula("\"x\"&\"y\""), 1.0]]);

        var exit = await _cli.ImportAsync("product", file, null, skipBadRows: false, asUser: null, None);

        Assert.That(exit, Is.EqualTo(RecordsCli.Failed));
        Assert.That(_error.ToString().Trim(), Is.EqualTo(
            "p.xlsx row 2, column \"name\" (name): \"=\"x\"&\"y\"\" is a formula without a saved value, as programs " +
            "that do not calculate formulas write them; open the file in Excel and save it, so that Excel stores each " +
            "formula's result, or type the value into the cell."));
    }

    [Test]
    public async Task Import_trims_key_and_warns()
    {
        var file = Write("p.csv", "sku,name\n\" A1 \",x\n");

        var exit = await _cli.ImportAsync("product", file, null, skipBadRows: false, asUser: null, None);

        Assert.That(exit, Is.EqualTo(RecordsCli.Success));
        Assert.That(_error.ToString().Trim(), Is.EqualTo(
            "warning: p.csv: 1 cell of a code or unique-key column starts or ends with spaces, which the import " +
            "removes (\" C0001\" is stored as \"C0001\"). column \"sku\": row 2."));
        var stored = await _world.Store.QueryAsync(new RecordQuery("product"), null, None);
        Assert.That(stored.Items.Single().Data["sku"]!.GetValue<string>(), Is.EqualTo("A1"));
    }

    [Test]
    public async Task Import_rejects_latin_file_as_gbk()
    {
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        var file = Path.Combine(_folder, "cust.csv");
        await File.WriteAllBytesAsync(
            file, System.Text.Encoding.GetEncoding(1252).GetBytes("sku,name\nA1,Hôpital Zürich Süd\n"), None);

        var exit = await _cli.ImportAsync("product", file, null, skipBadRows: false, asUser: null, None);

        Assert.That(exit, Is.EqualTo(RecordsCli.Failed));
        Assert.That(_error.ToString(), Does.StartWith("error: cust.csv is neither UTF-8 nor GBK: line 2 reads as \""));
        Assert.That(_error.ToString(), Does.Contain("but as \"Hôpital\" in the Western Windows code page"));
        Assert.That((await _world.Store.QueryAsync(new RecordQuery("product"), null, None)).Items, Is.Empty);
    }

    [Test]
    public async Task Import_warns_of_blank_header()
    {
        var file = Write("p.csv", "sku,name,,price\nA1,x,note,1.5\n");

        var exit = await _cli.ImportAsync("product", file, null, skipBadRows: false, asUser: null, None);

        Assert.That(exit, Is.EqualTo(RecordsCli.Success));
        Assert.That(_error.ToString().Trim(), Is.EqualTo(
            "warning: p.csv: column 3 (blank header) has values, which are not imported because no field takes a " +
            "column without a header. Type the field's label or key into the header cell, or map the column to a " +
            "field, or delete the column if it is not needed."));
    }

    [Test]
    public async Task Import_reports_excel_error_cell()
    {
        var file = Path.Combine(_folder, "prices.xlsx");
        await ErrorCellWorkbook.WriteAsync(file,
        [
            ["sku", "name", "price"],
            ["A1", "x", new ErrorCellWorkbook.Error("#DIV/0!", "10/0")],
        ]);

        var exit = await _cli.ImportAsync("product", file, null, skipBadRows: false, asUser: null, None);

        Assert.That(exit, Is.EqualTo(RecordsCli.Failed));
        Assert.That(_error.ToString().Trim(), Is.EqualTo(
            "prices.xlsx row 2, column \"price\" (price): \"#DIV/0!\" is an Excel error (a division by zero), not " +
            "a number; fix the formula that produces it in the workbook, or clear the cell."));
    }

    [Test]
    public async Task Import_of_unknown_form_names_import()
    {
        var exit = await _cli.ImportAsync("nope", Write("p.csv", "a\n1\n"), null, false, null, None);

        Assert.That(exit, Is.EqualTo(RecordsCli.Failed));
        Assert.That(_error.ToString().Trim(), Is.EqualTo(
            "error: Form 'nope' is not in this database. Publish the template package that declares it with " +
            "\"workflowkit import PACKAGE --db DB\", such as \"workflowkit import definitions/templates/biopharma " +
            "--db DB\" for the forms of the sample data, then run this command again."));
    }

    [Test]
    public async Task Export_of_unknown_form_names_import()
    {
        var exit = await _cli.ExportAsync("nope", "buyer", Path.Combine(_folder, "out.csv"), None);

        Assert.That(exit, Is.EqualTo(RecordsCli.Failed));
        Assert.That(_error.ToString(), Does.Contain("\"workflowkit import PACKAGE --db DB\""));
    }

    [Test]
    public async Task Import_of_folder_is_a_usage_error()
    {
        var exit = await _cli.ImportAsync("product", _folder, null, false, null, None);

        Assert.That(exit, Is.EqualTo(RecordsCli.Usage));
        Assert.That(_error.ToString().Trim(), Is.EqualTo(
            $"error: \"{_folder}\" is a folder. Pass the .csv or .xlsx file to import."));
    }

    [Test]
    public async Task Export_writes_what_the_user_may_see()
    {
        await _cli.ImportAsync("product", Write("p.csv", "sku,name,price\nA1,x,1.5\n"), null, false, null, None);
        var target = Path.Combine(_folder, "out.csv");

        var exit = await _cli.ExportAsync("product", "buyer", target, None);

        Assert.That(exit, Is.EqualTo(RecordsCli.Success));
        var lines = File.ReadAllLines(target);
        Assert.That(lines[0].TrimStart('\uFEFF'), Does.Not.Contain("价格"));
        Assert.That(lines[1], Does.StartWith("A1,x"));
        Assert.That(_output.ToString(), Does.Contain("Exported 1 records of 'product' visible to 'buyer'"));
    }
}
