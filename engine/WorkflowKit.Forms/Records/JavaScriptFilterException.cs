namespace WorkflowKit.Records;

/// <summary>
/// A JavaScript record filter that cannot be read or cannot run in the database, with the place in the script.
/// The message is English; <see cref="Problem"/>, <see cref="Line"/>, <see cref="Column"/> and
/// <see cref="Snippet"/> let a page word it in its own language.
/// </summary>
public sealed class JavaScriptFilterException : NotSupportedException
{
    public JavaScriptFilterException(
        JavaScriptFilterProblem problem, string detail, int line, int column, string snippet, string message)
        : base(message)
    {
        Problem = problem;
        Detail = detail;
        Line = line;
        Column = column;
        Snippet = snippet;
    }

    public JavaScriptFilterProblem Problem { get; }

    /// <summary>The parser's description of a syntax error; empty for other problems.</summary>
    public string Detail { get; }

    /// <summary>1-based line of the problem in the script.</summary>
    public int Line { get; }

    /// <summary>1-based column of the problem in the script.</summary>
    public int Column { get; }

    /// <summary>The part of the script that the problem is about, shortened to 40 characters.</summary>
    public string Snippet { get; }
}

/// <summary>Why a JavaScript record filter was rejected.</summary>
public enum JavaScriptFilterProblem
{
    /// <summary>The script does not parse.</summary>
    Syntax,

    /// <summary>The script parses, but uses a construct that has no database equivalent.</summary>
    Unsupported,
}
