namespace WorkflowKit.Storage.Relational.Files;

/// <summary>A stored row whose JSON column, which may name uploaded files, is not valid JSON.</summary>
/// <param name="Table">The table, such as <c>wk_instances</c>.</param>
/// <param name="RowId">The row's key: a record id, an instance id or an audit line id.</param>
/// <param name="Column">The column that cannot be read, such as <c>form_json</c>.</param>
/// <param name="Where">What the column contains, in the words of <c>workflowkit files check</c>.</param>
public sealed record UnreadableJsonRow(string Table, string RowId, string Column, string Where)
{
    /// <summary>Returns the row in words, such as "column form_json of row 'x' in table wk_instances (instance form)".</summary>
    public string Describe() => $"column {Column} of row '{RowId}' in table {Table} ({Where})";
}

/// <summary>
/// Thrown when a file link pass meets a JSON column that cannot be read. The pass links and deletes nothing more,
/// because the column may name files that no other data names.
/// </summary>
public sealed class UnreadableJsonRowException : InvalidOperationException
{
    public UnreadableJsonRowException(string pass, IReadOnlyList<UnreadableJsonRow> rows, Exception? innerException)
        : base(Describe(pass, rows), innerException)
    {
        Rows = rows;
    }

    /// <summary>The rows that the pass could not read, in key order.</summary>
    public IReadOnlyList<UnreadableJsonRow> Rows { get; }

    private static string Describe(string pass, IReadOnlyList<UnreadableJsonRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var named = string.Join("; ", rows.Take(5).Select(row => row.Describe()));
        var more = rows.Count > 5 ? $" and {rows.Count - 5} more rows" : string.Empty;
        return $"The {pass} stopped because {named}{more} is not valid JSON, so it cannot tell which files the data " +
               "names, and no file was deleted. Repair or clear the column, then run it again; " +
               "'workflowkit files check' lists every such row.";
    }
}
