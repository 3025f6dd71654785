using System.Globalization;

namespace WorkflowKit.Definitions.Diagnostics;

/// <summary>
/// One finding of the definition validator: a stable code from <see cref="DiagnosticCodes"/>, the
/// file, the JSON pointer of the offending value (empty for the whole document), its line and
/// column where known (1-based), and a message that quotes the bad value and says what to do.
/// </summary>
public sealed record Diagnostic(
    string Code,
    DiagnosticSeverity Severity,
    string File,
    string Pointer,
    string Message)
{
    /// <summary>1-based line of the offending token, or 0 when unknown.</summary>
    public int Line { get; init; }

    /// <summary>1-based column of the offending token, or 0 when unknown.</summary>
    public int Column { get; init; }

    /// <summary>
    /// The values that <see cref="Message"/> quotes, by name (such as "node", "edge", "field" or "target"), so that
    /// a user interface can word the diagnostic in its own language. Empty for codes that do not fill it.
    /// </summary>
    public IReadOnlyDictionary<string, string> Arguments { get; init; } = NoArguments;

    /// <summary>The diagnostic this one follows from, or null when this one is a cause of its own.</summary>
    public DiagnosticCause? Cause { get; init; }

    public bool IsError => Severity == DiagnosticSeverity.Error;

    private static IReadOnlyDictionary<string, string> NoArguments { get; } = new Dictionary<string, string>();

    /// <summary>
    /// Formats the diagnostic as <c>file:line:col: error WK1234 /pointer: message</c>, followed by
    /// <c>(follows from WK1304 /pointer)</c> when it has a <see cref="Cause"/>.
    /// </summary>
    public override string ToString()
    {
        var severity = Severity == DiagnosticSeverity.Error ? "error" : "warning";
        var pointer = Pointer.Length == 0 ? "/" : Pointer;
        var cause = Cause is null ? string.Empty : $" (follows from {Cause.Code} {Cause.Pointer})";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{File}:{Line}:{Column}: {severity} {Code} {pointer}: {Message}{cause}");
    }

    /// <summary>
    /// Compares everything but <see cref="Arguments"/>, because the message already contains their values and a
    /// dictionary compares by reference, which would keep duplicates apart.
    /// </summary>
    public bool Equals(Diagnostic? other) =>
        other is not null && Code == other.Code && Severity == other.Severity && File == other.File
        && Pointer == other.Pointer && Message == other.Message && Line == other.Line && Column == other.Column
        && Cause == other.Cause;

    public override int GetHashCode() => HashCode.Combine(Code, Severity, File, Pointer, Message, Line, Column, Cause);
}
