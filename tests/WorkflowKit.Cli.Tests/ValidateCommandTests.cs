using System.Text.RegularExpressions;

namespace WorkflowKit.Cli.Tests;

public sealed partial class ValidateCommandTests
{
    public static IEnumerable<string> BrokenFiles { get; } =
        Directory.EnumerateFiles(TestPaths.BrokenFolder, "*.json").Select(Path.GetFileName).OfType<string>()
            .Order(StringComparer.Ordinal).ToList();

    [Test]
    public async Task Example_package_exits_zero()
    {
        var run = await CliRun.RunAsync("validate", TestPaths.ExamplePackage);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Output + run.Error);
        Assert.That(run.OutputLines, Has.Count.EqualTo(1));
        Assert.That(run.OutputLines[0], Does.EndWith("checked: 0 error(s), 0 warning(s)."));
    }

    [TestCaseSource(nameof(BrokenFiles))]
    public async Task Broken_definition_exits_one_with_formatted_diagnostics(string file)
    {
        var path = Path.Combine(TestPaths.BrokenFolder, file);
        var support = Path.Combine(TestPaths.BrokenFolder, "_support", "order-form.json");

        var run = await CliRun.RunAsync("validate", path, support);

        Assert.That(run.ExitCode, Is.EqualTo(1), run.Output);
        var diagnostics = run.OutputLines.Take(run.OutputLines.Count - 1).ToList();
        Assert.That(diagnostics, Is.Not.Empty);
        Assert.That(diagnostics, Has.All.Match(DiagnosticLine()));
        Assert.That(diagnostics, Has.Some.StartWith(path + ":"));
        Assert.That(run.OutputLines[^1],
            Does.Match(@"^\d+ file\(s\) checked: [1-9]\d* error\(s\), \d+ warning\(s\)\.$"));
    }

    [Test]
    public async Task Diagnostic_line_has_file_line_column_code_pointer_and_message()
    {
        var path = Path.Combine(TestPaths.BrokenFolder, "cron-invalid.json");

        var run = await CliRun.RunAsync("validate", path);

        Assert.That(run.OutputLines, Does.Contain(
            $"{path}:42:7: error WK1314 /triggers/0/cron: Cron expression \"BadCronExpression\" is not valid: The " +
            "given cron expression has an invalid format. Minutes: Value must be a number between 0 and 59 (all " +
            "inclusive). Write five fields (minute hour day-of-month month day-of-week), for example \"0 8 * * 1-5\" " +
            "for 08:00 on weekdays."));
    }

    [Test]
    public async Task Syntax_error_line_names_problem_and_fix()
    {
        var path = Path.Combine(TestPaths.BrokenFolder, "syntax-trailing-comma.json");

        var run = await CliRun.RunAsync("validate", path);

        Assert.That(run.OutputLines, Does.Contain(
            $"{path}:4:1: error WK1003 /: The file is not valid JSON at line 4, column 1 (JSON path $): a comma " +
            "follows the last property of the object. Remove that comma."));
    }

    [Test]
    public async Task Warnings_alone_exit_zero_unless_strict()
    {
        var flow = Path.Combine(TestPaths.ExamplePackage, "flows", "credit-followup.json");

        var lenient = await CliRun.RunAsync("validate", flow);
        var strict = await CliRun.RunAsync("validate", "--warnings-as-errors", flow);

        Assert.That(lenient.Output, Does.Contain("warning WK1019 /form:"));
        Assert.That((lenient.ExitCode, strict.ExitCode), Is.EqualTo((0, 1)));
    }

    [Test]
    public async Task Missing_path_is_a_usage_error()
    {
        var run = await CliRun.RunAsync("validate", "no/such/file.json");

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Error, Does.Contain("Path \"no/such/file.json\" does not exist"));
        Assert.That(run.Output, Is.Empty);
    }

    [TestCase("validate")]
    [TestCase("validate", "--nope", "x.json")]
    [TestCase("frobnicate")]
    [TestCase("export", "key")]
    [TestCase("export", "key", "--db", "x.db", "--out", "x.json", "--kind", "workflow")]
    public async Task Bad_command_line_exits_two(params string[] args)
    {
        var run = await CliRun.RunAsync(args);

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Error, Does.StartWith("error: "));
        Assert.That(run.Error, Does.Contain("workflowkit --help"));
    }

    [TestCase("validate", "--warnings-as-errors")]
    [TestCase("import", "--db", "--user")]
    [TestCase("export", "--version", "--kind", "--db", "--out")]
    [TestCase("list", "--db")]
    [TestCase("publish", "--kind", "--db", "--user")]
    public async Task Help_describes_every_option(string command, params string[] options)
    {
        var run = await CliRun.RunAsync(command, "--help");

        Assert.That(run.ExitCode, Is.EqualTo(0));
        foreach (var option in options)
        {
            var line = run.OutputLines.FirstOrDefault(text => text.StartsWith(option, StringComparison.Ordinal));
            Assert.That(line, Is.Not.Null, $"{option} missing from help:{Environment.NewLine}{run.Output}");
            Assert.That(line!.Length, Is.GreaterThan(option.Length + 20), $"{option} has no description: {line}");
        }
    }

    [GeneratedRegex(@"^.+:\d+:\d+: (error|warning) WK\d{4} /\S*: .+$")]
    private static partial Regex DiagnosticLine();
}
