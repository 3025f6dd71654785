namespace WorkflowKit.Cli.Tests;

/// <summary>Usage errors name the kind of value an option takes in plain words, never a .NET type.</summary>
public sealed class UsageErrorTests
{
    [TestCase("instance", "migrate", "some-id", "--to-version", "two", "--db", "unused.db")]
    [TestCase("forecast", "--input", "unused.csv", "--horizon", "1.5", "--period", "month")]
    [TestCase("export", "credit", "--version", "latest", "--db", "unused.db", "--out", "unused")]
    public async Task Option_not_a_whole_number(params string[] args)
    {
        var run = await CliRun.RunAsync(args);

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Error, Does.Contain(": expected a whole number."));
        Assert.That(run.Error, Does.Not.Contain("System."));
    }
}
