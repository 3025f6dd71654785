namespace WorkflowKit.Cli;

/// <summary>Process exit codes of every command.</summary>
public static class ExitCodes
{
    /// <summary>The command did what was asked; validation found no errors.</summary>
    public const int Success = 0;

    /// <summary>
    /// The command ran and found problems: validation errors, a refused publish or import, a missing definition.
    /// </summary>
    public const int Problems = 1;

    /// <summary>The command line was wrong: unknown option, missing argument, a path that does not exist.</summary>
    public const int Usage = 2;
}
