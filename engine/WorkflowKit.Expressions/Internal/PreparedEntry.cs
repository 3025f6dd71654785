using Acornima.Ast;
using Jint;

namespace WorkflowKit.Expressions.Internal;

/// <summary>A cached script: the prepared, decimal-rewritten program, or the syntax error its text has.</summary>
internal sealed class PreparedEntry
{
    private PreparedEntry(
        Prepared<Script> program, bool poolable, ScopePath? path, string? error, int? line, int? column)
    {
        Program = program;
        Poolable = poolable;
        Path = path;
        Error = error;
        Line = line;
        Column = column;
    }

    public Prepared<Script> Program { get; }

    /// <summary>True when <see cref="EngineReuse"/> allows running the script on a pooled engine.</summary>
    public bool Poolable { get; }

    /// <summary>The scope property the script only reads, or null when it does more than that.</summary>
    public ScopePath? Path { get; }

    /// <summary>The parser's description of the syntax error, or null when the script parsed.</summary>
    public string? Error { get; }

    public int? Line { get; }

    public int? Column { get; }

    public static PreparedEntry Ok(Prepared<Script> program, bool poolable, ScopePath? path) =>
        new(program, poolable, path, null, null, null);

    public static PreparedEntry Failed(string error, int? line, int? column) =>
        new(default, false, null, error, line, column);
}
