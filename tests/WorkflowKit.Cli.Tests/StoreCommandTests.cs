namespace WorkflowKit.Cli.Tests;

public sealed class StoreCommandTests
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
    public async Task Import_then_list_shows_every_definition()
    {
        var import = await CliRun.RunAsync("import", TestPaths.ExamplePackage, "--db", Db, "--user", "admin");
        var list = await CliRun.RunAsync("list", "--db", Db);

        Assert.That(import.ExitCode, Is.EqualTo(0), import.Error);
        Assert.That(import.OutputLines, Does.Contain("published flow credit-review version 1"));
        Assert.That(import.OutputLines[^1], Is.EqualTo(
            "Imported package example-credit-review: 6 published, 0 unchanged, permission rules stored for 2 form(s), " +
            "4 role(s) stored."));
        Assert.That(list.ExitCode, Is.EqualTo(0));
        Assert.That(list.OutputLines, Has.Some.Match(@"^flow\s+credit-review\s+1\s+-\s+Customer credit review$"));
        Assert.That(list.OutputLines[^1], Is.EqualTo("6 definition(s)."));
    }

    [Test]
    public async Task Export_writes_the_published_version()
    {
        await CliRun.RunAsync("import", TestPaths.ExamplePackage, "--db", Db);
        var target = Path.Combine(_folder, "out", "review.json");

        var run = await CliRun.RunAsync("export", "credit-review", "--db", Db, "--out", target);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        Assert.That(run.OutputLines[0], Is.EqualTo($"Exported flow credit-review version 1 to {target}."));
        var exported = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(target));
        var original = System.Text.Json.Nodes.JsonNode.Parse(
            await File.ReadAllTextAsync(Path.Combine(TestPaths.ExamplePackage, "flows", "credit-review.json")));
        Assert.That(System.Text.Json.Nodes.JsonNode.DeepEquals(exported, original), Is.True);
    }

    [Test]
    public async Task Export_of_missing_version_exits_one()
    {
        await CliRun.RunAsync("import", TestPaths.ExamplePackage, "--db", Db);

        var run = await CliRun.RunAsync(
            "export", "credit-review", "--kind", "flow", "--version", "7", "--db", Db, "--out", Path.Combine(_folder,
                "x.json"));

        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(run.Error.Trim(), Is.EqualTo(
            "error: flow \"credit-review\" has no published version 7; its published versions are 1 to 1."));
    }

    [Test]
    public async Task Export_of_package_writes_a_folder_that_validates()
    {
        await CliRun.RunAsync("import", TestPaths.ExamplePackage, "--db", Db);
        var target = Path.Combine(_folder, "exported");

        var export = await CliRun.RunAsync("export", "example-credit-review", "--db", Db, "--out", target);
        var validate = await CliRun.RunAsync("validate", target);

        Assert.That(export.ExitCode, Is.EqualTo(0), export.Error);
        Assert.That(validate.ExitCode, Is.EqualTo(0), validate.Output);
    }

    [Test]
    public async Task Invalid_package_is_refused_with_diagnostics_and_nothing_written()
    {
        var package = Path.Combine(_folder, "package");
        CopyFolder(TestPaths.ExamplePackage, package);
        File.Delete(Path.Combine(package, "forms", "credit-log.json"));

        var import = await CliRun.RunAsync("import", package, "--db", Db);
        var list = await CliRun.RunAsync("list", "--db", Db);

        Assert.That(import.ExitCode, Is.EqualTo(1));
        Assert.That(import.OutputLines, Has.Some.Match(@"package\.json:\d+:\d+: error WK1601 /forms/2: "));
        Assert.That(import.Error, Does.Contain("nothing was written"));
        Assert.That(list.OutputLines[^1], Is.EqualTo("0 definition(s)."));
    }

    [Test]
    public async Task Publish_without_draft_exits_one()
    {
        await CliRun.RunAsync("import", TestPaths.ExamplePackage, "--db", Db);

        var run = await CliRun.RunAsync("publish", "credit-review", "--db", Db);

        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(run.Error, Does.Contain("There is no draft of flow \"credit-review\" to publish"));
    }

    [Test]
    public async Task Unknown_key_exits_one()
    {
        var run = await CliRun.RunAsync("publish", "nothing-here", "--db", Db);

        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(run.Error, Does.Contain("No definition or package with key \"nothing-here\""));
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }
}
