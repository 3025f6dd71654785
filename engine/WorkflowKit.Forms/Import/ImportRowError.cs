namespace WorkflowKit.Import;

/// <summary>
/// Why one row of a file was rejected: the row number as a spreadsheet shows it (the header is
/// row 1), the column header and cell value where known, the field, a code and the message.
/// </summary>
public sealed record ImportRowError(long Row, string? Column, string? Value, string? Field, string Code,
    string Message);
