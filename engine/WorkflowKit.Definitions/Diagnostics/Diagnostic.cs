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

    public bool IsError => Severity == DiagnosticSeverity.Error;

    /// <summary>Formats the diagnostic as <c>file:line:col: error WK1234 /pointer: message</c>.</summary>
    public override string ToString()
    {
        var severity = Severity == DiagnosticSeverity.Error ? "error" : "warning";
        var pointer = Pointer.Length == 0 ? "/" : Pointer;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{File}:{Line}:{Column}: {severity} {Code} {pointer}: {Message}");
    }
}
