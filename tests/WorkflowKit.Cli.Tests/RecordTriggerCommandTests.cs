using Microsoft.Extensions.Time.Testing;
using WorkflowKit.Organization;
using WorkflowKit.Runtime.Instances;
using WorkflowKit.Storage.Sqlite;
using WorkflowKit.Storage.Sqlite.Organization;

namespace WorkflowKit.Cli.Tests;

/// <summary>
/// A flow with a record trigger imported with <c>workflowkit import</c> starts when <c>workflowkit records import</c>
/// writes a matching record: the CLI queues the start, and the next background round delivers it.
/// </summary>
public sealed class RecordTriggerCommandTests
{
    private string _folder = string.Empty;

    private string Db => Path.Combine(_folder, "wk.db");

    [SetUp]
    public void CreateFolder() => _folder = TestPaths.NewTempFolder();

    [TearDown]
    public void DeleteFolder()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public async Task RecordsImport_PendingCustomer_StartsReview()
    {
        var package = Path.Combine(TestPaths.RepositoryRoot, "definitions", "templates", "biopharma");
        var imported = await CliRun.RunAsync("import", package, "--db", Db);
        Assert.That(imported.ExitCode, Is.EqualTo(0), imported.Error);
        await new SqliteOrganizationStore(new SqliteDatabase(Db)).SaveUserAsync(
            new OrgUser("sales-east-1", "He Ming", null, ["sales"], new Dictionary<string, string> { ["region"] = "east" }),
            CancellationToken.None);
        var file = Path.Combine(_folder, "customers.csv");
        var sample = File.ReadLines(Path.Combine(TestPaths.RepositoryRoot, "samples", "data", "customers.csv")).ToList();
        var header = sample[0].TrimStart('\uFEFF').Split(',');
        var status = Array.IndexOf(header, "creditStatus");
        var rows = sample.Skip(1).Take(3).Select(line => line.Split(',')).ToList();
        rows[0][status] = "pending";
        rows[1][status] = "normal";
        rows[2][status] = "pending";
        await File.WriteAllLinesAsync(file, [string.Join(',', header), .. rows.Select(row => string.Join(',', row))]);

        var run = await CliRun.RunAsync("records", "import", "customer", file, "--db", Db);
        var started = await DeliverAsync();

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        Assert.That(started.Select(instance => instance.TriggerKind), Is.EqualTo(new[] { "record", "record" }));
    }

    /// <summary>
    /// Runs background rounds on a fresh engine until nothing is due, as a designer on the same database would.
    /// </summary>
    private async Task<IReadOnlyList<WorkflowInstance>> DeliverAsync()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 5, 6, 1, 0, 0, TimeSpan.Zero));
        await using var stores = await DatabaseFactory.OpenStoresAsync(Db, time, CancellationToken.None);
        var engine = await CliEngine.CreateAsync(stores, time, CancellationToken.None);
        for (var round = 0; round < 20 && await engine.RunDueWorkAsync(CancellationToken.None) > 0; round++)
        {
        }

        return await engine.QueryInstancesAsync(
            new InstanceQuery { FlowKey = "customer-credit-review" }, CancellationToken.None);
    }
}
