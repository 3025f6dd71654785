namespace WorkflowKit.Cli.Tests;

/// <summary>
/// An edge to a missing node cuts off the rest of the flow. Validate and import print that edge first and mark the
/// unreachable nodes behind it as following from it.
/// </summary>
public sealed class CauseOrderCommandTests
{
    private string _folder = string.Empty;

    private string Package => Path.Combine(_folder, "package");

    private string FlowFile => Path.Combine(Package, "flows", "customer-credit-review.flow.json");

    [SetUp]
    public async Task CreateBrokenPackage()
    {
        _folder = TestPaths.NewTempFolder();
        var template = Path.Combine(TestPaths.RepositoryRoot, "definitions", "templates", "biopharma");
        foreach (var file in Directory.EnumerateFiles(template, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(Package, Path.GetRelativePath(template, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        var json = await File.ReadAllTextAsync(FlowFile);
        await File.WriteAllTextAsync(FlowFile, json.Replace(
            """{ "id": "e-start", "from": "start", "to": "mode" }""",
            """{ "id": "e-start", "from": "start", "to": "nowhere" }""", StringComparison.Ordinal));
    }

    [TearDown]
    public void DeleteFolder()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public async Task Validate_prints_cut_edge_first()
    {
        var run = await CliRun.RunAsync("validate", Package);

        AssertCauseFirst(run);
        Assert.That(run.OutputLines[^1], Does.EndWith("checked: 26 error(s), 0 warning(s)."));
    }

    [Test]
    public async Task Import_prints_cut_edge_first()
    {
        var run = await CliRun.RunAsync("import", Package, "--db", Path.Combine(_folder, "wk.db"));

        AssertCauseFirst(run);
        Assert.That(run.Error, Does.Contain("refused with 26 validation error(s)"));
    }

    private void AssertCauseFirst(CliRun run)
    {
        var lines = run.OutputLines.Where(line => line.StartsWith(FlowFile + ":", StringComparison.Ordinal)).ToList();

        Assert.That(run.ExitCode, Is.EqualTo(1), run.Output + run.Error);
        Assert.That(lines, Has.Count.EqualTo(26), run.Output);
        Assert.That(lines[0], Does.Match(@":\d+:\d+: error WK1304 /edges/0/to: Edge ""e-start"" leads to node ""nowhere"""));
        Assert.That(lines.Skip(1), Has.All.Match(@":\d+:\d+: error WK130[78] /nodes/\d+: .+ \(follows from WK1304 /edges/0/to\)$"));
    }
}
