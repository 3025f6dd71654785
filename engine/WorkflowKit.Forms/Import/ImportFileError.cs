namespace WorkflowKit.Import;

/// <summary>
/// A problem of a whole file rather than of one row, such as a required field that no column feeds: the code, the
/// field where there is one, and the message, which names the file and gives the fix. An import with a file error
/// writes nothing.
/// </summary>
public sealed record ImportFileError(string Code, string? Field, string Message)
{
    /// <summary>The name of the file, such as <c>customers.csv</c>.</summary>
    public string File { get; init; } = string.Empty;
}
