namespace WorkflowKit.Expressions;

/// <summary>
/// A script or expression could not be evaluated. Every failure inside the JavaScript engine, including
/// each exceeded limit, surfaces as this type; the host stays usable for other scripts.
/// </summary>
public sealed class ScriptException : Exception
{
    public ScriptException()
        : this(ScriptErrorKind.Runtime, string.Empty, "The script failed.")
    {
    }

    public ScriptException(string message)
        : this(ScriptErrorKind.Runtime, string.Empty, message)
    {
    }

    public ScriptException(string message, Exception innerException)
        : this(ScriptErrorKind.Runtime, string.Empty, message, innerException)
    {
    }

    public ScriptException(
        ScriptErrorKind kind, string expression, string message, Exception? innerException = null,
        int? line = null, int? column = null)
        : base(message, innerException)
    {
        Kind = kind;
        Expression = expression;
        Line = line;
        Column = column;
    }

    /// <summary>Which limit was hit, or whether the script had a syntax or runtime error.</summary>
    public ScriptErrorKind Kind { get; }

    /// <summary>The script or expression text as the caller passed it.</summary>
    public string Expression { get; }

    /// <summary>1-based line of the error in <see cref="Expression"/>, when known.</summary>
    public int? Line { get; }

    /// <summary>1-based column of the error in <see cref="Expression"/>, when known.</summary>
    public int? Column { get; }
}
