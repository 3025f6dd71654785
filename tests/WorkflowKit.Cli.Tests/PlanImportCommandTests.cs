using WorkflowKit.Records;
using WorkflowKit.Storage.Sqlite;
using WorkflowKit.Storage.Sqlite.Records;

namespace WorkflowKit.Cli.Tests;

/// <summary>
/// <c>records import</c> of purchase plans from the biopharma templates, with the sample users loaded: a required
/// column that the file lacks is reported once, and buyers given by display name are stored by id.
/// </summary>
public sealed class PlanImportCommandTests
{
    private string _folder = string.Empty;

    private string Db => Path.Combine(_folder, "wk.db");

    private static string Biopharma => Path.Combine(TestPaths.RepositoryRoot, "definitions", "templates", "biopharma");

    private static string SampleUsers => Path.Combine(TestPaths.RepositoryRoot, "samples", "data", "users.json");

    [SetUp]
    public async Task CreateDatabaseAsync()
    {
        _folder = TestPaths.NewTempFolder();
        await CliRun.RunAsync("import", Biopharma, "--db", Db);
        await CliRun.RunAsync("org", "import", SampleUsers, "--package", Biopharma, "--db", Db);
    }

    [TearDown]
    public void DeleteFolder()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public async Task Missing_column_is_reported_once()
    {
        var file = Path.Combine(_folder, "plans-missing-col.csv");
        await File.WriteAllTextAsync(file,
            "product,period,status,buyer\nIVD-0001,2027-01,approved,buyer-1\nIVD-0002,2027-01,submitted,buyer-1\n" +
            "IVD-0005,2027-02,submitted,buyer-1\n");

        var run = await CliRun.RunAsync("records", "import", "purchase-plan", file, "--db", Db);

        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(run.Error.Trim(), Is.EqualTo(
            "error: plans-missing-col.csv: The file has no column for the required field Quantity (quantity). Add a " +
            "column headed quantity or 计划数量."));
        Assert.That(run.OutputLines[^1], Is.EqualTo(
            "Imported nothing into 'purchase-plan': the file has 1 error(s) that apply to every row. Fix the file " +
            "and import it again."));
        Assert.That(await PlansAsync(), Is.Empty);
    }

    [Test]
    public async Task Buyer_name_is_stored_as_id()
    {
        var file = Path.Combine(_folder, "plans.csv");
        await File.WriteAllTextAsync(file, "product,period,quantity,buyer\nIVD-0001,2027-01,80,何明\n");

        var run = await CliRun.RunAsync("records", "import", "purchase-plan", file, "--db", Db);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        Assert.That(run.OutputLines[^1], Is.EqualTo("Imported 1 of 1 rows into 'purchase-plan' (0 rejected)."));
        Assert.That((await PlansAsync()).Single()["buyer"]!.GetValue<string>(), Is.EqualTo("sales-east-1"));
    }

    private async Task<List<System.Text.Json.Nodes.JsonObject>> PlansAsync()
    {
        var store = new SqliteRecordStore(new SqliteDatabase(Db), TimeProvider.System);
        var page = await store.QueryAsync(new RecordQuery("purchase-plan") { Limit = 10 }, null, CancellationToken.None);
        return [.. page.Items.Select(item => item.Data)];
    }
}
