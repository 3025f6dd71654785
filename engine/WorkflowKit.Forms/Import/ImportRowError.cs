namespace WorkflowKit.Import;

/// <summary>
/// Why one row of a file was rejected: the row number as a spreadsheet shows it (the header is
/// row 1), the column header and cell value where known, the field, a code and the message. The message
/// already names the file and the row and gives the fix, so callers show it without adding either.
/// </summary>
public sealed record ImportRowError(long Row, string? Column, string? Value, string? Field, string Code,
    string Message)
{
    /// <summary>The name of the file the row is in, such as <c>customers.csv</c>.</summary>
    public string File { get; init; } = string.Empty;
}
