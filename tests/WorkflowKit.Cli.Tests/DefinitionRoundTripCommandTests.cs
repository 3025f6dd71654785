using System.Text.Json.Nodes;
using WorkflowKit.Storage.Sqlite;
using WorkflowKit.Storage.Sqlite.Definitions;

namespace WorkflowKit.Cli.Tests;

/// <summary>
/// <c>export</c> of one definition to a folder writes a package that <c>import</c> reads into another store, and
/// <c>import</c> of the single file that <c>export --out FILE.json</c> writes saves a draft or publishes it.
/// </summary>
public sealed class DefinitionRoundTripCommandTests
{
    private const string Accepted =
        "import takes a package folder (the folder holding package.json), its package.json, a .zip file of the " +
        "folder, or one form, flow or view .json file (\"kind\": \"form\", \"flow\" or \"view\"), which becomes the " +
        "definition's draft, or its next version with --publish.";

    private string _folder = string.Empty;

    private string Source => Path.Combine(_folder, "source.db");

    private string Fresh => Path.Combine(_folder, "fresh.db");

    [SetUp]
    public async Task SetUpAsync()
    {
        _folder = TestPaths.NewTempFolder();
        var import = await CliRun.RunAsync("import", TestPaths.ExamplePackage, "--db", Source);
        Assert.That(import.ExitCode, Is.EqualTo(0), import.Error);
    }

    [TearDown]
    public void DeleteFolder()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [TestCase("package")]
    [TestCase("package/")]
    [TestCase("existing")]
    public async Task Export_to_folder_imports_into_fresh_store(string target)
    {
        var folder = Path.Combine(_folder, target);
        if (target == "existing")
        {
            Directory.CreateDirectory(folder);
        }

        var export = await CliRun.RunAsync("export", "credit-review", "--version", "1", "--db", Source, "--out", folder);
        var import = await CliRun.RunAsync("import", folder, "--db", Fresh);

        Assert.That(export.ExitCode, Is.EqualTo(0), export.Error);
        Assert.That(export.OutputLines[0], Does.StartWith($"Exported flow credit-review version 1 as a package to {folder}"));
        Assert.That(File.Exists(Path.Combine(folder, "package.json")), Is.True);
        Assert.That(import.ExitCode, Is.EqualTo(0), import.Output + import.Error);
        Assert.That(import.OutputLines, Does.Contain("published flow credit-review version 1"));
        foreach (var (kind, key) in new[]
        {
            ("flow", "credit-review"), ("form", "credit-application"), ("form", "customer"), ("form", "credit-log"),
        })
        {
            Assert.That(await PublishedJsonAsync(Fresh, kind, key), Is.Not.Null, $"{kind} {key} in the fresh store");
            Assert.That(
                JsonNode.DeepEquals(await PublishedJsonAsync(Fresh, kind, key), await PublishedJsonAsync(Source, kind, key)),
                Is.True, $"{kind} {key} is the same after the round trip");
        }
    }

    [Test]
    public async Task Export_to_folder_takes_flows_form_version()
    {
        var store = new SqliteDefinitionStore(new SqliteDatabase(Source), TimeProvider.System);
        var form = (await store.GetVersionAsync("form", "credit-application", null, default))!;
        var renamed = JsonNode.Parse(form.Json)!;
        renamed["name"]!["en"] = "Credit application, renamed";
        await store.SaveDraftAsync("form", "credit-application", renamed.ToJsonString(), null, "owner", default);
        await store.PublishAsync("form", "credit-application", "owner", default);
        var folder = Path.Combine(_folder, "package");

        var export = await CliRun.RunAsync("export", "credit-review", "--db", Source, "--out", folder);

        Assert.That(export.ExitCode, Is.EqualTo(0), export.Error);
        var exported = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "forms", "credit-application.json")));
        Assert.That(JsonNode.DeepEquals(exported, JsonNode.Parse(form.Json)), Is.True,
            "the flow's version 1 was published with form version 1, not the renamed version 2");
    }

    [Test]
    public async Task Export_to_json_file_writes_one_file()
    {
        var file = Path.Combine(_folder, "review.json");

        var export = await CliRun.RunAsync("export", "credit-review", "--db", Source, "--out", file);

        Assert.That(export.ExitCode, Is.EqualTo(0), export.Error);
        Assert.That(File.Exists(file), Is.True);
        Assert.That(Directory.Exists(file), Is.False);
    }

    [Test]
    public async Task Import_of_single_file_saves_draft()
    {
        var file = Path.Combine(_folder, "customer.json");
        await CliRun.RunAsync("export", "customer", "--db", Source, "--out", file);

        var import = await CliRun.RunAsync("import", file, "--db", Fresh, "--user", "owner");
        var list = await CliRun.RunAsync("list", "--db", Fresh);

        Assert.That(import.ExitCode, Is.EqualTo(0), import.Output + import.Error);
        Assert.That(import.OutputLines[^1], Is.EqualTo(
            $"Saved {file} as the draft of form customer (revision 1). Publish it with \"workflowkit publish " +
            "customer --kind form --db DB\" or in the designer."));
        Assert.That(list.OutputLines, Has.Some.Match(@"^form\s+customer\s+-\s+1$"));
        Assert.That(await PublishedJsonAsync(Fresh, "form", "customer"), Is.Null);
    }

    [Test]
    public async Task Import_of_single_file_with_publish()
    {
        var file = Path.Combine(_folder, "customer.json");
        await CliRun.RunAsync("export", "customer", "--db", Source, "--out", file);

        var import = await CliRun.RunAsync("import", file, "--publish", "--db", Fresh);

        Assert.That(import.ExitCode, Is.EqualTo(0), import.Output + import.Error);
        Assert.That(import.OutputLines[^1], Is.EqualTo($"Published {file} as form customer version 1."));
        Assert.That(
            JsonNode.DeepEquals(await PublishedJsonAsync(Fresh, "form", "customer"),
                await PublishedJsonAsync(Source, "form", "customer")),
            Is.True);
    }

    [Test]
    public async Task Import_of_refused_publish_keeps_no_draft()
    {
        var file = Path.Combine(_folder, "review.json");
        await CliRun.RunAsync("export", "credit-review", "--db", Source, "--out", file);

        // The fresh store has none of the flow's forms, so publishing the flow is refused.
        var import = await CliRun.RunAsync("import", file, "--publish", "--db", Fresh);
        var list = await CliRun.RunAsync("list", "--db", Fresh);

        Assert.That(import.ExitCode, Is.EqualTo(1), import.Output + import.Error);
        Assert.That(import.Error, Does.Contain("nothing was written"));
        Assert.That(list.OutputLines[^1], Is.EqualTo("0 definition(s)."));
    }

    [Test]
    public async Task Import_keeps_a_different_draft()
    {
        var file = Path.Combine(_folder, "customer.json");
        await CliRun.RunAsync("export", "customer", "--db", Source, "--out", file);
        var store = new SqliteDefinitionStore(new SqliteDatabase(Fresh), TimeProvider.System);
        var edited = JsonNode.Parse(await File.ReadAllTextAsync(file))!;
        edited["name"]!["en"] = "Customer, edited";
        await CliRun.RunAsync("list", "--db", Fresh);
        await store.SaveDraftAsync("form", "customer", edited.ToJsonString(), null, "wang", default);

        var kept = await CliRun.RunAsync("import", file, "--db", Fresh);
        var replaced = await CliRun.RunAsync("import", file, "--replace-draft", "--db", Fresh);

        Assert.That(kept.ExitCode, Is.EqualTo(1));
        Assert.That(kept.Error, Does.Contain("form \"customer\" already has a draft (revision 1, saved by wang"));
        Assert.That(kept.Error, Does.Contain("pass --replace-draft to replace it."));
        Assert.That(replaced.ExitCode, Is.EqualTo(0), replaced.Error);
        var draft = await store.GetDraftAsync("form", "customer", default);
        Assert.That(draft!.Revision, Is.EqualTo(2));
        Assert.That(JsonNode.DeepEquals(JsonNode.Parse(draft.Json), JsonNode.Parse(await File.ReadAllTextAsync(file))),
            Is.True);
    }

    [Test]
    public async Task Import_of_missing_path_says_what_import_takes()
    {
        var missing = Path.Combine(_folder, "nothing.json");

        var import = await CliRun.RunAsync("import", missing, "--db", Fresh);

        Assert.That(import.ExitCode, Is.EqualTo(2));
        Assert.That(import.Error, Does.StartWith($"error: \"{missing}\" does not exist. {Accepted}"));
    }

    [Test]
    public async Task Import_of_other_json_says_what_import_takes()
    {
        var file = Path.Combine(_folder, "data.json");
        await File.WriteAllTextAsync(file, "{ \"customer\": \"c-1\" }");

        var import = await CliRun.RunAsync("import", file, "--db", Fresh);

        Assert.That(import.ExitCode, Is.EqualTo(2));
        Assert.That(import.Error, Does.StartWith(
            $"error: \"{file}\" is not a definition: its \"kind\" is missing. {Accepted}"));
    }

    private static async Task<JsonNode?> PublishedJsonAsync(string db, string kind, string key)
    {
        var store = new SqliteDefinitionStore(new SqliteDatabase(db), TimeProvider.System);
        var version = await store.GetVersionAsync(kind, key, null, default);
        return version is null ? null : JsonNode.Parse(version.Json);
    }
}
