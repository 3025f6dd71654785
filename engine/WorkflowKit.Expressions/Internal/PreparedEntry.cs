using Acornima.Ast;
using Jint;

namespace WorkflowKit.Expressions.Internal;

/// <summary>A cached script: the prepared, decimal-rewritten program, or the syntax error its text has.</summary>
internal sealed class PreparedEntry
{
    private PreparedEntry(Prepared<Script> program, string? error, int? line, int? column)
    {
        Program = program;
        Error = error;
        Line = line;
        Column = column;
    }

    public Prepared<Script> Program { get; }

    /// <summary>The parser's description of the syntax error, or null when the script parsed.</summary>
    public string? Error { get; }

    public int? Line { get; }

    public int? Column { get; }

    public static PreparedEntry Ok(Prepared<Script> program) => new(program, null, null, null);

    public static PreparedEntry Failed(string error, int? line, int? column) => new(default, error, line, column);
}
