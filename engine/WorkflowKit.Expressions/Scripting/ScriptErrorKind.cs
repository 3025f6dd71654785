namespace WorkflowKit.Expressions;

/// <summary>Why a script failed.</summary>
public enum ScriptErrorKind
{
    /// <summary>The text is not valid JavaScript.</summary>
    Syntax,

    /// <summary>The script ran longer than <see cref="ScriptLimits.TimeLimit"/>.</summary>
    Timeout,

    /// <summary>The script executed more than <see cref="ScriptLimits.MaxStatements"/> statements.</summary>
    StatementLimit,

    /// <summary>The script allocated more than <see cref="ScriptLimits.MemoryLimitBytes"/>.</summary>
    MemoryLimit,

    /// <summary>The script nested calls deeper than <see cref="ScriptLimits.MaxRecursionDepth"/>.</summary>
    RecursionLimit,

    /// <summary>A regular expression match ran longer than <see cref="ScriptLimits.RegexTimeout"/>.</summary>
    RegexTimeout,

    /// <summary>The caller's cancellation token was cancelled while the script ran.</summary>
    Cancelled,

    /// <summary>The script threw an error (a TypeError, a ReferenceError, an explicit <c>throw</c>).</summary>
    Runtime,
}
