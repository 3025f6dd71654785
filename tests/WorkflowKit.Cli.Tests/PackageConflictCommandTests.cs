using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using WorkflowKit.Definitions.Store;
using WorkflowKit.Storage.Sqlite;
using WorkflowKit.Storage.Sqlite.Definitions;

namespace WorkflowKit.Cli.Tests;

/// <summary>
/// <c>import PACKAGE</c> over a flow that a process owner published in the designer after the package's version: it
/// is rejected with the flow named, unless <c>--replace</c>, <c>--replace-all</c> or <c>--keep-newer</c> decides.
/// </summary>
public sealed class PackageConflictCommandTests
{
    private string _folder = string.Empty;

    private string Db => Path.Combine(_folder, "wk.db");

    [SetUp]
    public async Task SetUpAsync()
    {
        _folder = TestPaths.NewTempFolder();
        var import = await CliRun.RunAsync("import", TestPaths.ExamplePackage, "--db", Db, "--user", "admin");
        Assert.That(import.ExitCode, Is.EqualTo(0), import.Error);

        var time = new FakeTimeProvider(new DateTimeOffset(2025, 5, 6, 2, 30, 0, TimeSpan.Zero));
        var definitions = new SqliteDefinitionStore(new SqliteDatabase(Db), time);
        var latest = await definitions.GetVersionAsync(DefinitionKinds.Flow, "credit-review", null, default);
        var json = JsonNode.Parse(latest!.Json)!.AsObject();
        json["description"] = "Changed by the process owner";
        await definitions.SaveDraftAsync(DefinitionKinds.Flow, "credit-review", json.ToJsonString(), null, "owner",
            default);
        await definitions.PublishAsync(DefinitionKinds.Flow, "credit-review", "owner", default);
    }

    [TearDown]
    public void DeleteFolder()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public async Task Import_rejects_newer_designer_version()
    {
        var run = await CliRun.RunAsync("import", TestPaths.ExamplePackage, "--db", Db);

        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(run.Error.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
            Is.EqualTo(new[]
            {
                "error: package example-credit-review was not imported, and nothing was written, because 1 " +
                "definition(s) have newer versions that the package did not publish:",
                "flow credit-review version 2 was published by owner at 2025-05-06 02:30 UTC after the package's " +
                "version 1",
                "To publish the package's content over them, run the import again with --replace flow:credit-review " +
                "(or --replace-all). To keep them and import the rest of the package, add --keep-newer.",
            }));
        Assert.That(run.Output, Is.Empty);
        Assert.That(await LatestAsync(), Is.EqualTo((2, "owner")));
    }

    [TestCase("--replace", "flow:credit-review")]
    [TestCase("--replace", "customer,credit-review")]
    [TestCase("--replace-all", null)]
    public async Task Replace_publishes_package_version(string option, string? value)
    {
        string[] args = value is null
            ? ["import", TestPaths.ExamplePackage, "--db", Db, "--user", "admin", option]
            : ["import", TestPaths.ExamplePackage, "--db", Db, "--user", "admin", option, value];

        var run = await CliRun.RunAsync(args);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        Assert.That(run.OutputLines, Does.Contain("published flow credit-review version 3"));
        Assert.That(await LatestAsync(), Is.EqualTo((3, "admin")));
    }

    [Test]
    public async Task Keep_newer_keeps_designer_version()
    {
        var run = await CliRun.RunAsync("import", TestPaths.ExamplePackage, "--db", Db, "--keep-newer");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        Assert.That(run.OutputLines, Does.Contain(
            "kept flow credit-review version 2, which the package did not publish"));
        Assert.That(run.OutputLines[^1], Does.StartWith(
            "Imported package example-credit-review: 0 published, 5 unchanged, 1 kept, "));
        Assert.That(await LatestAsync(), Is.EqualTo((2, "owner")));
    }

    [TestCase("flow:credit-reveiw")]
    [TestCase("credit-review,custmer")]
    [TestCase("view:credit-review")]
    public async Task Replace_of_unknown_name_is_usage_error(string value)
    {
        var run = await CliRun.RunAsync("import", TestPaths.ExamplePackage, "--db", Db, "--replace", value);

        var lines = run.Error.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(lines[0], Does.StartWith($"error: --replace names \"{value.Split(',')[^1]}\", which package " +
            "example-credit-review does not contain. Its definitions are "));
        Assert.That(lines[0], Does.Contain("flow:credit-review"));
        Assert.That(lines[0], Does.Contain("form:customer"));
        Assert.That(lines[0], Does.EndWith("; name them as KIND:KEY or KEY."));
        Assert.That(run.Output, Is.Empty);
        Assert.That(await LatestAsync(), Is.EqualTo((2, "owner")));
    }

    private async Task<(int Version, string PublishedBy)> LatestAsync()
    {
        var definitions = new SqliteDefinitionStore(new SqliteDatabase(Db), new FakeTimeProvider());
        var latest = await definitions.GetVersionAsync(DefinitionKinds.Flow, "credit-review", null, default);
        return (latest!.Version, latest.PublishedBy);
    }
}
