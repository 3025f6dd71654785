using Microsoft.Extensions.Time.Testing;

namespace WorkflowKit.Cli.Tests;

/// <summary>Runs the CLI in-process and captures what it printed.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public IReadOnlyList<string> OutputLines =>
        Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static Task<CliRun> RunAsync(params string[] args) =>
        RunAsync(new Dictionary<string, string>(), args);

    /// <summary>Runs the CLI with <paramref name="environment"/> as its only environment variables.</summary>
    public static async Task<CliRun> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 5, 6, 1, 0, 0, TimeSpan.Zero));
        var code = await CliApp.RunAsync(
            args, output, error, time, name => environment.GetValueOrDefault(name), CancellationToken.None);
        return new CliRun(code, output.ToString(), error.ToString());
    }
}
