namespace WorkflowKit.Expressions;

/// <summary>
/// Bounds applied to every script run by a <see cref="ScriptHost"/>. The defaults are deliberately tight:
/// conditions, formulas and small automation scripts finish far below them.
/// </summary>
public sealed record ScriptLimits
{
    /// <summary>The limits used when a host is created without its own.</summary>
    public static ScriptLimits Default { get; } = new();

    /// <summary>
    /// Time one evaluation may run. Default 1 second. Past the first quarter of the limit, the time counts as
    /// the processor time of its thread, so waiting for a processor on a busy machine does not stop it.
    /// Wall-clock time is capped at 10 times this limit.
    /// </summary>
    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Statements one evaluation may execute. Default 100,000.</summary>
    public int MaxStatements { get; init; } = 100_000;

    /// <summary>Bytes one evaluation may allocate (Jint <c>LimitMemory</c>). Default 16 MB.</summary>
    public long MemoryLimitBytes { get; init; } = 16L * 1024 * 1024;

    /// <summary>Nested function calls one evaluation may make. Default 64.</summary>
    public int MaxRecursionDepth { get; init; } = 64;

    /// <summary>Time one regular-expression match may take. Default 100 milliseconds.</summary>
    public TimeSpan RegexTimeout { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Prepared scripts kept in the host's cache; older entries are evicted first. Default 2,048.</summary>
    public int MaxCachedScripts { get; init; } = 2048;

    /// <summary>Throws when a limit is zero, negative or unbounded.</summary>
    public void Validate()
    {
        RequirePositive(TimeLimit, nameof(TimeLimit));
        RequirePositive(RegexTimeout, nameof(RegexTimeout));
        RequirePositive(MaxStatements, nameof(MaxStatements));
        RequirePositive(MemoryLimitBytes, nameof(MemoryLimitBytes));
        RequirePositive(MaxRecursionDepth, nameof(MaxRecursionDepth));
        RequirePositive(MaxCachedScripts, nameof(MaxCachedScripts));
    }

    private static void RequirePositive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero || value == Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(
                name, value, $"ScriptLimits.{name} must be a positive, finite time span; scripts are always bounded.");
        }
    }

    private static void RequirePositive(long value, string name)
    {
        if (value <= 0)
        {
            throw new ArgumentOutOfRangeException(
                name, value, $"ScriptLimits.{name} must be greater than zero; scripts are always bounded.");
        }
    }
}
