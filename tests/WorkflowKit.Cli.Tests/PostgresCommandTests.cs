namespace WorkflowKit.Cli.Tests;

/// <summary>
/// The CLI against a PostgreSQL connection string: the same commands, the shared database.
/// Needs WORKFLOWKIT_TEST_POSTGRES (scripts/test.sh sets it); skipped without it, failed under CI=true.
/// </summary>
public sealed class PostgresCommandTests
{
    private PostgresTestDatabase? _database;

    private string Db => _database!.ConnectionString;

    [SetUp]
    public async Task CreateDatabaseAsync() => _database = await PostgresTestDatabase.CreateAsync();

    [TearDown]
    public async Task DropDatabaseAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
            _database = null;
        }
    }

    [Test]
    public async Task Import_then_list_on_postgres()
    {
        var import = await CliRun.RunAsync("import", TestPaths.ExamplePackage, "--db", Db, "--user", "admin");
        var list = await CliRun.RunAsync("list", "--db", Db);

        Assert.That(import.ExitCode, Is.EqualTo(0), import.Error);
        Assert.That(import.OutputLines[^1], Is.EqualTo(
            "Imported package example-credit-review: 6 published, 0 unchanged, permission rules stored for 2 form(s), " +
            "4 role(s) stored."));
        Assert.That(list.OutputLines, Has.Some.Match(@"^flow\s+credit-review\s+1\s+-\s+Customer credit review$"));
        Assert.That(list.OutputLines[^1], Is.EqualTo("6 definition(s)."));
    }

    [Test]
    public async Task Second_import_keeps_roles_on_postgres()
    {
        await CliRun.RunAsync("import", TestPaths.ExamplePackage, "--db", Db);

        var again = await CliRun.RunAsync("import", TestPaths.ExamplePackage, "--db", Db);

        Assert.That(again.ExitCode, Is.EqualTo(0), again.Error);
        Assert.That(again.OutputLines, Does.Contain("kept role sales, which the database already has"));
        Assert.That(again.OutputLines[^1], Does.EndWith("0 role(s) stored."));
    }

    [Test]
    public async Task Records_import_on_postgres()
    {
        var customers = Path.Combine(TestPaths.ExamplePackage, "data", "customers.csv");
        await CliRun.RunAsync("import", TestPaths.ExamplePackage, "--db", Db);
        var rows = File.ReadLines(customers).Count() - 1;

        var run = await CliRun.RunAsync("records", "import", "customer", customers, "--db", Db);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        Assert.That(run.OutputLines[^1], Is.EqualTo($"Imported {rows} of {rows} rows into 'customer' (0 rejected)."));
    }
}
