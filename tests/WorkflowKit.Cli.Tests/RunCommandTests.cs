namespace WorkflowKit.Cli.Tests;

/// <summary>
/// <c>run</c> with form data that the flow's form rejects prints the invalid fields as an error and a hint on how to
/// pass the data, because a new user often starts a flow without <c>--input</c>.
/// </summary>
public sealed class RunCommandTests
{
    private string _folder = string.Empty;

    private string Db => Path.Combine(_folder, "wk.db");

    [SetUp]
    public async Task SetUpAsync()
    {
        _folder = TestPaths.NewTempFolder();
        var imported = await CliRun.RunAsync("import", TestPaths.ExamplePackage, "--db", Db);
        Assert.That(imported.ExitCode, Is.EqualTo(0), imported.Error);
    }

    [TearDown]
    public void DeleteFolder()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public async Task Run_without_input_hints_input()
    {
        var run = await CliRun.RunAsync("run", "credit-review", "--db", Db, "--as", "alice");

        var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(lines, Has.Length.EqualTo(2));
        Assert.That(lines[0], Does.StartWith("error: The submission of form "));
        Assert.That(lines[1], Is.EqualTo(
            "hint: no --input was passed. Pass the form data with --input FILE.json, a JSON object of field id to " +
            "value such as {\"code\": \"C001\"}."));
    }

    [Test]
    public async Task Run_with_invalid_input_names_file()
    {
        var input = Path.Combine(_folder, "application.json");
        await File.WriteAllTextAsync(input, "{}");

        var run = await CliRun.RunAsync("run", "credit-review", "--input", input, "--db", Db, "--as", "alice");

        var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(lines[0], Does.StartWith("error: The submission of form "));
        Assert.That(lines[^1], Is.EqualTo($"hint: correct these fields in {input} and run the command again."));
    }

    [Test]
    public async Task Run_of_missing_input_file_is_prefixed()
    {
        var missing = Path.Combine(_folder, "missing.json");

        var run = await CliRun.RunAsync("run", "credit-review", "--input", missing, "--db", Db, "--as", "alice");

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Error.Trim(), Is.EqualTo(
            $"error: Input file '{missing}' does not exist; pass a JSON file of form data."));
    }

    [Test]
    public async Task Run_with_malformed_input_exits_1()
    {
        var input = Path.Combine(_folder, "application.json");
        await File.WriteAllTextAsync(input, "{\"code\": ");

        var run = await CliRun.RunAsync("run", "credit-review", "--input", input, "--db", Db, "--as", "alice");

        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(run.Error, Does.StartWith($"error: Input file '{input}' is not valid JSON"));
    }
}
