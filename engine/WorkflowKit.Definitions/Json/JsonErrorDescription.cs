namespace WorkflowKit.Definitions.Json;

/// <summary>A JSON error in plain words, as <see cref="JsonErrorDescriber"/> words it.</summary>
/// <param name="Kind">What is wrong.</param>
/// <param name="Source">The file name or "the request body" that the message names.</param>
/// <param name="Line">The 1-based line of the problem.</param>
/// <param name="Column">
/// The 1-based column of the problem, counted in characters when the text was given and in UTF-8 bytes otherwise.
/// </param>
/// <param name="Path">
/// The JSON path of the value, or of the object or list, where the problem is, such as <c>$.users[2]</c>.
/// </param>
/// <param name="Problem">What is wrong, as a sentence without its final full stop.</param>
/// <param name="Fix">What to do, as a sentence with its final full stop.</param>
/// <param name="Message">The whole message: the source, line, column and path, the problem and the fix.</param>
public sealed record JsonErrorDescription(
    JsonErrorKind Kind, string Source, int Line, int Column, string Path, string Problem, string Fix, string Message)
{
    public override string ToString() => Message;
}
