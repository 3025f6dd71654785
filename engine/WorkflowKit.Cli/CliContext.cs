namespace WorkflowKit.Cli;

/// <summary>What commands share: the output writers, the clock and the environment variables.</summary>
public sealed class CliContext(
    TextWriter output, TextWriter error, TimeProvider timeProvider, Func<string, string?>? readEnvironment = null)
{
    /// <summary>Results: diagnostics, lists, what was written.</summary>
    public TextWriter Output { get; } = output;

    /// <summary>Usage errors and failures.</summary>
    public TextWriter Error { get; } = error;

    public TimeProvider TimeProvider { get; } = timeProvider;

    /// <summary>Returns an environment variable's value, or null when it is not set.</summary>
    public Func<string, string?> ReadEnvironment { get; } = readEnvironment ?? Environment.GetEnvironmentVariable;
}
