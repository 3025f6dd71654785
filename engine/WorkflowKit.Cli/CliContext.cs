namespace WorkflowKit.Cli;

/// <summary>What commands share: the output writers and the clock.</summary>
public sealed class CliContext(TextWriter output, TextWriter error, TimeProvider timeProvider)
{
    /// <summary>Results: diagnostics, lists, what was written.</summary>
    public TextWriter Output { get; } = output;

    /// <summary>Usage errors and failures.</summary>
    public TextWriter Error { get; } = error;

    public TimeProvider TimeProvider { get; } = timeProvider;
}
