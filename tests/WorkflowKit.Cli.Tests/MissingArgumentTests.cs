namespace WorkflowKit.Cli.Tests;

/// <summary>A command called without its arguments names each missing one, once.</summary>
[TestFixture]
public sealed class MissingArgumentTests
{
    [Test]
    public async Task Each_missing_argument_is_named()
    {
        var run = await CliRun.RunAsync("records", "import", "--db", "unused.db");

        var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(lines, Has.Exactly(1).EqualTo("error: Required argument FORM is missing. Give it after the command's name."));
        Assert.That(lines, Has.Exactly(1).EqualTo("error: Required argument FILE is missing. Give it after the command's name."));
    }

    [Test]
    public async Task Other_parse_errors_print_once()
    {
        var run = await CliRun.RunAsync("records", "import", "customer", "customers.csv");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(run.Error, Does.Contain("error: Option '--db' is required."));
    }
}
