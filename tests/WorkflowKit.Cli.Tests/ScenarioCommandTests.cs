namespace WorkflowKit.Cli.Tests;

/// <summary>The scenario command run outside the repository names the folders it looked for instead of crashing.</summary>
public sealed class ScenarioCommandTests
{
    [Test]
    public async Task Run_outside_repository_names_folders()
    {
        var folder = Directory.CreateTempSubdirectory("wk-scenario-");
        var before = Directory.GetCurrentDirectory();
        try
        {
            // The test assembly runs its tests one at a time, so the current folder can be moved for one test.
            Directory.SetCurrentDirectory(folder.FullName);
            var run = await CliRun.RunAsync("scenario", "run", "daily", "--db", Path.Combine(folder.FullName, "x.db"));

            Assert.That(run.ExitCode, Is.EqualTo(1), run.Error);
            Assert.That(run.Error, Does.StartWith("error: No folder from"));
            Assert.That(run.Error, Does.Contain("--templates and --data"));
            Assert.That(run.Error, Does.Not.Contain("   at "));
        }
        finally
        {
            Directory.SetCurrentDirectory(before);
            folder.Delete(recursive: true);
        }
    }
}
