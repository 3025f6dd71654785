using WorkflowKit.Definitions.Conditions;
using WorkflowKit.Definitions.Packages;
using WorkflowKit.Organization;
using WorkflowKit.Storage.Sqlite;
using WorkflowKit.Storage.Sqlite.Organization;

namespace WorkflowKit.Cli.Tests;

public sealed class RecordCommandTests
{
    private string _folder = string.Empty;

    private string Db => Path.Combine(_folder, "wk.db");

    private static string Customers => Path.Combine(TestPaths.ExamplePackage, "data", "customers.csv");

    [SetUp]
    public void CreateFolder() => _folder = TestPaths.NewTempFolder();

    [TearDown]
    public void DeleteFolder()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public async Task Import_uses_the_published_form()
    {
        await CliRun.RunAsync("import", TestPaths.ExamplePackage, "--db", Db);
        var rows = File.ReadLines(Customers).Count() - 1;

        var run = await CliRun.RunAsync("records", "import", "customer", Customers, "--db", Db);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        Assert.That(run.OutputLines[^1], Is.EqualTo($"Imported {rows} of {rows} rows into 'customer' (0 rejected)."));
    }

    [Test]
    public async Task Import_of_mistyped_form_lists_forms()
    {
        await CliRun.RunAsync("import", TestPaths.ExamplePackage, "--db", Db);

        var run = await CliRun.RunAsync("records", "import", "customers", Customers, "--db", Db);

        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(run.Error.Trim(), Is.EqualTo(
            "error: Form 'customers' is not in this database, whose published forms are credit-application, " +
            "credit-log, customer. Pass one of these keys, or publish the template package that declares the form " +
            "with \"workflowkit import PACKAGE --db DB\" first."));
    }

    [Test]
    public async Task Import_rejects_bad_rows_by_row_number()
    {
        await CliRun.RunAsync("import", TestPaths.ExamplePackage, "--db", Db);
        var file = Path.Combine(_folder, "bad.csv");
        await File.WriteAllTextAsync(file, "code,name,region,creditLimit\nX1,Bad code,east,1\nC900,Good,east,-1\n");

        var run = await CliRun.RunAsync("records", "import", "customer", file, "--db", Db, "--skip-bad-rows");

        var errors = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(errors, Has.Length.EqualTo(2));
        Assert.That(errors[0], Does.StartWith("bad.csv row 2, column \"code\" (code): "));
        Assert.That(errors[1], Does.StartWith("bad.csv row 3, column \"creditLimit\" (creditLimit): "));
        Assert.That(errors[1], Does.EndWith("; use a value inside the allowed range."));
        Assert.That(errors.Select(line => line.Split("row ").Length - 1), Is.All.EqualTo(1), "the row is named once");
        Assert.That(errors.Select(line => line.Split("bad.csv").Length - 1), Is.All.EqualTo(1), "the file is named once");
        Assert.That(run.OutputLines[^1], Is.EqualTo("Imported 0 of 2 rows into 'customer' (2 rejected)."));
    }

    [Test]
    public async Task Import_rejects_a_row_wider_than_its_header()
    {
        await CliRun.RunAsync("import", TestPaths.ExamplePackage, "--db", Db);
        var file = Path.Combine(_folder, "wide.csv");
        // An unquoted comma in the last column splits "Acme, Shanghai Ltd" into two cells.
        await File.WriteAllTextAsync(file, "code,region,creditLimit,name\nC901,east,1,Acme, Shanghai Ltd\n");

        var run = await CliRun.RunAsync("records", "import", "customer", file, "--db", Db);

        Assert.That(run.ExitCode, Is.EqualTo(1), "a row with more cells than the header is imported: " + run.Output);
        Assert.That(run.Error.Trim(), Is.EqualTo(
            "wide.csv row 2: the row has 5 cells but the header has 4 columns; if a value contains a comma (or the " +
            "file's delimiter), put the value in double quotes, such as \"Acme, Shanghai Ltd\", otherwise add a " +
            "header for the extra column or delete the extra cells."));
        Assert.That(run.OutputLines[^1], Does.StartWith("Imported nothing into 'customer': 1 of 1 rows were rejected."));
    }

    [Test]
    public async Task Import_accepts_empty_trailing_cells()
    {
        await CliRun.RunAsync("import", TestPaths.ExamplePackage, "--db", Db);
        var file = Path.Combine(_folder, "trailing.csv");
        await File.WriteAllTextAsync(file, "code,region,creditLimit,name\nC901,east,1,Acme,,\n");

        var run = await CliRun.RunAsync("records", "import", "customer", file, "--db", Db);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        Assert.That(run.OutputLines[^1], Is.EqualTo("Imported 1 of 1 rows into 'customer' (0 rejected)."));
    }

    [Test]
    public async Task Import_names_a_malformed_mapping_file()
    {
        await CliRun.RunAsync("import", TestPaths.ExamplePackage, "--db", Db);
        var file = Path.Combine(_folder, "customers.csv");
        await File.WriteAllTextAsync(file, "code,name,region,creditLimit\nC901,Good,east,1\n");
        var mapping = Path.Combine(_folder, "broken.mapping.json");
        await File.WriteAllTextAsync(mapping, "{\"columns\":[");

        var run = await CliRun.RunAsync(
            "records", "import", "customer", file, "--db", Db, "--mapping", mapping);

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Error, Does.StartWith(
            $"error: Mapping file \"{mapping}\" is not valid JSON at line 1, column 13 (JSON path $.columns): the " +
            "text ends before the list that starts at line 1, column 12 is closed. Complete the last value and add " +
            "the missing ]}."));
        Assert.That(run.Output, Is.Empty);
    }

    [Test]
    public async Task Import_names_a_mapping_entry_without_field()
    {
        await CliRun.RunAsync("import", TestPaths.ExamplePackage, "--db", Db);
        var file = Path.Combine(_folder, "customers.csv");
        await File.WriteAllTextAsync(file, "code,name,region,creditLimit\nC901,Good,east,1\n");
        var mapping = Path.Combine(_folder, "partial.mapping.json");
        await File.WriteAllTextAsync(mapping, "{\"columns\":[{\"column\":\"code\",\"field\":\"\"}]}");

        var run = await CliRun.RunAsync(
            "records", "import", "customer", file, "--db", Db, "--mapping", mapping);

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Error, Does.StartWith(
            $"error: Mapping file \"{mapping}\" has an invalid entry at JSON path $.columns[0]: each mapping entry " +
            "needs a non-empty \"column\" and \"field\""));
    }

    [Test]
    public async Task Import_warns_of_unmapped_columns()
    {
        await CliRun.RunAsync("import", TestPaths.ExamplePackage, "--db", Db);
        var file = Path.Combine(_folder, "customers-gbk.csv");
        await File.WriteAllBytesAsync(file, WorkflowKit.Import.CsvEncodingDetector.Gb18030.GetBytes(
            "code,name,region,creditLimt\nC901,华东医院,east,100\n"));

        var run = await CliRun.RunAsync("records", "import", "customer", file, "--db", Db);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        Assert.That(run.Error.Trim(), Is.EqualTo(
            "warning: customers-gbk.csv: column(s) \"creditLimt\" match no field of form 'customer' and are not " +
            "imported; if a header is misspelt, correct it to the field's label or key, or map the column to a field."));
        Assert.That(run.OutputLines[^1], Is.EqualTo("Imported 1 of 1 rows into 'customer' (0 rejected)."));
    }

    [Test]
    public async Task Import_rejects_an_unclosed_quote()
    {
        await CliRun.RunAsync("import", TestPaths.ExamplePackage, "--db", Db);
        var file = Path.Combine(_folder, "quoted.csv");
        await File.WriteAllTextAsync(
            file, "code,name,region,creditLimit\nC901,Good,east,1\nC902,\"Open quote,east,2\nC903,Later,east,3\n");

        var run = await CliRun.RunAsync("records", "import", "customer", file, "--db", Db, "--skip-bad-rows");

        Assert.That(run.ExitCode, Is.EqualTo(1), run.Output + run.Error);
        Assert.That(run.Error.Trim(), Is.EqualTo(
            "error: quoted.csv row 3, column \"name\": the quoted value that starts with \"Open quote,east,2 C903,Later,e…\" " +
            "has no closing quote, so the rest of the file would be read into this one cell and nothing was imported. " +
            "Add the closing quote (\") or remove the opening one, then import the file again."));
        Assert.That(await CountCustomersAsync(), Is.Zero);
    }

    [Test]
    public async Task Import_of_header_only_csv_fails()
    {
        await CliRun.RunAsync("import", TestPaths.ExamplePackage, "--db", Db);
        var file = Path.Combine(_folder, "header-only.csv");
        await File.WriteAllTextAsync(file, "code,name,region,creditLimit\n,,,\n");

        var run = await CliRun.RunAsync("records", "import", "customer", file, "--db", Db);

        Assert.That(run.ExitCode, Is.EqualTo(1), run.Output + run.Error);
        Assert.That(run.Error.Trim(), Is.EqualTo(
            "error: header-only.csv has a header row but no data rows, so nothing was imported; add the rows below " +
            "the header, or check that you chose the right file (and, for a workbook, that its first sheet holds " +
            "the data)."));
        Assert.That(run.Output, Does.Not.Contain("Imported"));
    }

    [Test]
    public async Task Export_writes_the_users_region_only()
    {
        await CliRun.RunAsync("import", TestPaths.ExamplePackage, "--db", Db);
        await CliRun.RunAsync("records", "import", "customer", Customers, "--db", Db);
        var database = new SqliteDatabase(Db);
        await new SqliteOrganizationStore(database).SaveUserAsync(
            new OrgUser("li", "Li", null, ["sales"], new Dictionary<string, string> { ["region"] = "east" }),
            CancellationToken.None);
        await new SqlitePermissionRuleStore(database).SaveRulesAsync("customer",
        [
            new PermissionRule
            {
                Role = "sales", Form = "customer", Actions = ["read", "export"], HiddenFields = ["creditLimit"],
                Rows = Condition.AllOf(new Rule { Field = "region", Operator = "eq", ValueFrom = "user.region" }),
            },
        ], CancellationToken.None);
        var target = Path.Combine(_folder, "east.csv");

        var run = await CliRun.RunAsync("records", "export", "customer", "--db", Db, "--as", "li", "--out", target);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        var lines = await File.ReadAllLinesAsync(target);
        var eastRows = File.ReadLines(Customers).Skip(1).Count(line => line.Split(',')[2] == "east");
        Assert.That(lines, Has.Length.EqualTo(eastRows + 1));
        Assert.That(lines[0].TrimStart('\uFEFF'), Does.Not.Contain("信用额度"));
        Assert.That(lines.Skip(1), Has.All.Contains(",华东,"), "region written as its Chinese label");
    }

    [TestCase("import")]
    [TestCase("export")]
    public async Task Unknown_as_user_is_a_usage_error(string command)
    {
        await CliRun.RunAsync("import", TestPaths.ExamplePackage, "--db", Db);
        string[] arguments = command == "import"
            ? ["records", "import", "customer", Customers, "--db", Db, "--as", "ghost"]
            : ["records", "export", "customer", "--db", Db, "--as", "ghost", "--out", Path.Combine(_folder, "out.csv")];

        var run = await CliRun.RunAsync(arguments);

        Assert.That(run.ExitCode, Is.EqualTo(2), run.Output);
        Assert.That(run.Error.Trim(), Is.EqualTo(
            "error: User 'ghost' passed to --as is not in this database's organisation directory. Pass the id of a " +
            "user there, or add the user first with \"workflowkit org import FILE --db DB\", where FILE lists " +
            "departments and users like samples/data/users.json. Users created on the designer's admin pages are " +
            "kept in the designer's own tables and do not count here."));
        Assert.That(await CountCustomersAsync(), Is.Zero, "nothing is imported");
    }

    private async Task<long> CountCustomersAsync()
    {
        await using var connection = await new SqliteDatabase(Db).OpenConnectionAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM records WHERE form_key = 'customer'";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
