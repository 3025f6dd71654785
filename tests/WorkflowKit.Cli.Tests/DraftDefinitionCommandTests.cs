using Microsoft.Extensions.Time.Testing;
using WorkflowKit.Definitions.Store;
using WorkflowKit.Storage.Sqlite;
using WorkflowKit.Storage.Sqlite.Definitions;

namespace WorkflowKit.Cli.Tests;

/// <summary>
/// Commands that need a published form or flow, run on a database where it is only a draft, as the designer saves
/// it. Their errors name <c>workflowkit publish</c>, because importing a package is not what publishes a draft.
/// </summary>
public sealed class DraftDefinitionCommandTests
{
    private const string FormDraft =
        "error: Form 'customer' is only a draft in this database (revision 1, saved by owner) and has no published " +
        "version. Publish the draft with \"workflowkit publish customer --kind form --db DB\" (or with Publish in the " +
        "designer), then run this command again.";

    private string _folder = string.Empty;

    private string Db => Path.Combine(_folder, "wk.db");

    private static string Customers => Path.Combine(TestPaths.ExamplePackage, "data", "customers.csv");

    [SetUp]
    public async Task SetUpAsync()
    {
        _folder = TestPaths.NewTempFolder();
        var migrated = await CliRun.RunAsync("list", "--db", Db);
        Assert.That(migrated.ExitCode, Is.EqualTo(0), migrated.Error);

        var definitions = new SqliteDefinitionStore(new SqliteDatabase(Db), new FakeTimeProvider());
        await definitions.SaveDraftAsync(
            DefinitionKinds.Form, "customer", await ReadExampleAsync("forms", "customer.json"), null, "owner",
            default);
        await definitions.SaveDraftAsync(
            DefinitionKinds.Flow, "credit-review", await ReadExampleAsync("flows", "credit-review.json"), null,
            "owner", default);
    }

    [TearDown]
    public void DeleteFolder()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public async Task Records_import_of_draft_names_publish()
    {
        var run = await CliRun.RunAsync("records", "import", "customer", Customers, "--db", Db);

        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(run.Error.Trim(), Is.EqualTo(FormDraft));
        Assert.That(run.Error, Does.Not.Contain("import PACKAGE"));
    }

    [Test]
    public async Task Records_import_after_publish_imports()
    {
        var publish = await CliRun.RunAsync("publish", "customer", "--kind", "form", "--db", Db);
        var rows = File.ReadLines(Customers).Count() - 1;

        var run = await CliRun.RunAsync("records", "import", "customer", Customers, "--db", Db);

        Assert.That(publish.ExitCode, Is.EqualTo(0), publish.Error);
        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        Assert.That(run.OutputLines[^1], Is.EqualTo($"Imported {rows} of {rows} rows into 'customer' (0 rejected)."));
    }

    [Test]
    public async Task Records_export_of_draft_names_publish()
    {
        var run = await CliRun.RunAsync(
            "records", "export", "customer", "--as", "alice", "--out", Path.Combine(_folder, "out.csv"), "--db", Db);

        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(run.Error.Trim(), Is.EqualTo(FormDraft));
    }

    [Test]
    public async Task Run_of_draft_flow_names_publish()
    {
        var run = await CliRun.RunAsync("run", "credit-review", "--db", Db, "--as", "alice");

        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(run.Error.Trim(), Is.EqualTo(
            "error: Flow 'credit-review' is only a draft in this database (revision 1, saved by owner) and has no " +
            "published version. Publish the draft with \"workflowkit publish credit-review --kind flow --db DB\" (or " +
            "with Publish in the designer), then run this command again."));
    }

    [Test]
    public async Task Run_of_missing_flow_names_list()
    {
        var run = await CliRun.RunAsync("run", "no-such-flow", "--db", Db, "--as", "alice");

        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(run.Error.Trim(), Is.EqualTo(
            "error: Flow 'no-such-flow' is not in this database. Run \"workflowkit list --db DB\" to see the keys it " +
            "has, or publish the template package that declares it with \"workflowkit import PACKAGE --db DB\"."));
    }

    [Test]
    public async Task Export_of_draft_names_publish()
    {
        var run = await CliRun.RunAsync("export", "customer", "--db", Db, "--out", Path.Combine(_folder, "c.json"));

        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(run.Error.Trim(), Is.EqualTo(FormDraft));
    }

    private static Task<string> ReadExampleAsync(string folder, string file) =>
        File.ReadAllTextAsync(Path.Combine(TestPaths.ExamplePackage, folder, file));
}
