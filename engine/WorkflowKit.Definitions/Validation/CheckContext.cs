using WorkflowKit.Definitions.Diagnostics;
using WorkflowKit.Definitions.Documents;

namespace WorkflowKit.Definitions.Validation;

/// <summary>
/// Collects the diagnostics of one document, with positions taken from its source. The named arguments are the
/// values the message quotes (see <see cref="Diagnostic.Arguments"/>).
/// </summary>
internal sealed class CheckContext(JsonSource source, List<Diagnostic> diagnostics)
{
    public JsonSource Source { get; } = source;

    public void Error(string code, string pointer, string message, params (string Name, string Value)[] arguments) =>
        Add(code, DiagnosticSeverity.Error, pointer, message, cause: null, arguments);

    public void Warning(string code, string pointer, string message, params (string Name, string Value)[] arguments) =>
        Add(code, DiagnosticSeverity.Warning, pointer, message, cause: null, arguments);

    /// <summary>Adds an error that follows from <paramref name="cause"/> when it is not null.</summary>
    public void ErrorFollowing(
        DiagnosticCause? cause, string code, string pointer, string message,
        params (string Name, string Value)[] arguments) =>
        Add(code, DiagnosticSeverity.Error, pointer, message, cause, arguments);

    private void Add(
        string code, DiagnosticSeverity severity, string pointer, string message, DiagnosticCause? cause,
        (string Name, string Value)[] arguments)
    {
        var diagnostic = Source.At(code, severity, pointer, message);
        diagnostics.Add(diagnostic with
        {
            Arguments = arguments.ToDictionary(argument => argument.Name, argument => argument.Value,
                StringComparer.Ordinal),
            Cause = cause,
        });
    }
}
