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
    public async Task Import_rejects_bad_rows_by_row_number()
    {
        await CliRun.RunAsync("import", TestPaths.ExamplePackage, "--db", Db);
        var file = Path.Combine(_folder, "bad.csv");
        await File.WriteAllTextAsync(file, "code,name,region,creditLimit\nX1,Bad code,east,1\nC900,Good,east,-1\n");

        var run = await CliRun.RunAsync("records", "import", "customer", file, "--db", Db, "--skip-bad-rows");

        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(run.Error, Does.Contain("row 2: "));
        Assert.That(run.Error, Does.Contain("row 3: "));
        Assert.That(run.OutputLines[^1], Is.EqualTo("Imported 0 of 2 rows into 'customer' (2 rejected)."));
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
        Assert.That(lines.Skip(1), Has.All.Contains(",east"));
    }
}
