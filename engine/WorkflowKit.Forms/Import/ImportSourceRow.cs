namespace WorkflowKit.Import;

/// <summary>
/// One data row of a file: its row number as a spreadsheet shows it and its cells, aligned with
/// the headers. A cell is a string (CSV), or a string, double, bool or DateTime (Excel), or null.
/// </summary>
public sealed record ImportSourceRow(long Row, IReadOnlyList<object?> Cells)
{
    /// <summary>
    /// The number of cells in the file's row up to its last non-empty cell. It is larger than <see cref="Cells"/>'s
    /// count when the row has values past the header's last column, which <see cref="RecordImporter"/> rejects.
    /// </summary>
    public int CellCount { get; init; } = Cells.Count;

    /// <summary>
    /// The 0-based positions past the header's last column that hold a value in a spreadsheet row. A spreadsheet's
    /// cells keep their columns, so such a value is a column whose header cell is blank rather than a misaligned row.
    /// </summary>
    public IReadOnlyList<int> ValuesPastHeader { get; init; } = [];
}
