namespace WorkflowKit.Import;

/// <summary>
/// One data row of a file: its row number as a spreadsheet shows it and its cells, aligned with
/// the headers. A cell is a string (CSV), or a string, double, bool or DateTime (Excel), or null.
/// </summary>
public sealed record ImportSourceRow(long Row, IReadOnlyList<object?> Cells);
