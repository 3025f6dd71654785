using System.Text.Json;
using WorkflowKit.Definitions.Diagnostics;

namespace WorkflowKit.Definitions.Documents;

/// <summary>
/// A JSON file read for validation: the parsed document (null when it does not parse), the
/// position of every JSON pointer in the text, and the diagnostics found while reading.
/// </summary>
public sealed class JsonSource : IDisposable
{
    private readonly IReadOnlyDictionary<string, TextPosition> _positions;

    internal JsonSource(
        string file, JsonDocument? document, IReadOnlyDictionary<string, TextPosition> positions,
        IReadOnlyList<Diagnostic> diagnostics)
    {
        File = file;
        Document = document;
        _positions = positions;
        Diagnostics = diagnostics;
    }

    public string File { get; }

    public JsonDocument? Document { get; }

    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>
    /// Position of the value at a pointer (of the property name for object members); for a
    /// pointer into a missing property, the position of the nearest existing parent.
    /// </summary>
    public TextPosition PositionOf(string pointer)
    {
        var current = pointer;
        while (true)
        {
            if (_positions.TryGetValue(current, out var position))
            {
                return position;
            }

            if (current.Length == 0)
            {
                return new TextPosition(1, 1);
            }

            current = current[..current.LastIndexOf('/')];
        }
    }

    /// <summary>Creates a diagnostic for this file with the line and column of the pointer filled in.</summary>
    public Diagnostic At(string code, DiagnosticSeverity severity, string pointer, string message)
    {
        var position = PositionOf(pointer);
        return new Diagnostic(code, severity, File, pointer, message) { Line = position.Line,
            Column = position.Column };
    }

    public void Dispose() => Document?.Dispose();
}
