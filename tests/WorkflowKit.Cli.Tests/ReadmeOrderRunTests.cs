namespace WorkflowKit.Cli.Tests;

/// <summary>
/// A database made the README's way (package, organisation, then the master data records) runs an order from the
/// command line. The record store must know every form the package published, also those no <c>records import</c>
/// touched (the order itself, and the receivables the credit check reads).
/// </summary>
public sealed class ReadmeOrderRunTests
{
    private string _folder = string.Empty;

    private string Db => Path.Combine(_folder, "wk.db");

    [SetUp]
    public async Task BuildDatabaseAsync()
    {
        _folder = TestPaths.NewTempFolder();
        var data = Path.Combine(TestPaths.RepositoryRoot, "samples", "data");
        await RunOkAsync("import", Path.Combine(TestPaths.RepositoryRoot, "definitions", "templates", "biopharma"), "--db", Db);
        await RunOkAsync("org", "import", Path.Combine(data, "users.json"), "--db", Db);
        await RunOkAsync("records", "import", "customer", Path.Combine(data, "customers.csv"), "--db", Db);
        await RunOkAsync("records", "import", "product", Path.Combine(data, "products.csv"), "--db", Db);
        await RunOkAsync("records", "import", "regional-price", Path.Combine(data, "regional-prices.csv"), "--db", Db);
    }

    [TearDown]
    public void DeleteFolder()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public async Task Order_runs_without_incident()
    {
        var input = Path.Combine(_folder, "order.json");
        await File.WriteAllTextAsync(input, """
            { "customer": "C0001", "orderDate": "2026-12-01",
              "lines": [ { "product": "IVD-0001", "quantity": 2, "unitPrice": 1680 } ] }
            """);

        var run = await CliRun.RunAsync("run", "order-to-shipment", "--input", input, "--as", "sales-east-1", "--db", Db);
        var incidents = await CliRun.RunAsync("incidents", "--db", Db);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Output + run.Error);
        Assert.That(incidents.Output.Trim(), Is.EqualTo("No open incidents."), incidents.Output);
    }

    private static async Task RunOkAsync(params string[] args)
    {
        var run = await CliRun.RunAsync(args);
        Assert.That(run.ExitCode, Is.EqualTo(0), $"{string.Join(' ', args)}: {run.Output}{run.Error}");
    }
}
