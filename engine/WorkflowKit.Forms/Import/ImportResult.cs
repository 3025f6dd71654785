namespace WorkflowKit.Import;

/// <summary>
/// The outcome of an import. <see cref="RowsWritten"/> counts the rows that created or changed a record. In an
/// all-or-nothing import any rejected row leaves <see cref="RowsWritten"/> at 0 and <see cref="Committed"/> false,
/// and so does any <see cref="FileErrors"/> entry in either mode. <see cref="Errors"/> contains at most
/// <see cref="ImportOptions.MaxErrors"/> entries; <see cref="RowsRejected"/> counts all.
/// </summary>
public sealed record ImportResult(
    long RowsRead, long RowsWritten, long RowsRejected, bool Committed, IReadOnlyList<ImportRowError> Errors)
{
    /// <summary>The rows that created a record; 0 when nothing was committed.</summary>
    public long RowsInserted { get; init; }

    /// <summary>The rows of an upsert that changed the record their key matched; 0 when nothing was committed.</summary>
    public long RowsUpdated { get; init; }

    /// <summary>
    /// The rows of an upsert whose matched record already held every value of the row, so nothing was written for
    /// them. Counted whether or not the import committed.
    /// </summary>
    public long RowsUnchanged { get; init; }

    /// <summary>Non-blank header texts that no field takes, so their values were not imported.</summary>
    public IReadOnlyList<string> UnmappedColumns { get; init; } = [];

    /// <summary>
    /// The warning about <see cref="UnmappedColumns"/>, naming the file and the columns; null when every non-blank
    /// column was imported.
    /// </summary>
    public string? UnmappedWarning { get; init; }

    /// <summary>
    /// The 1-based positions of columns whose header cell is blank but which have values, which were not imported.
    /// </summary>
    public IReadOnlyList<int> BlankHeaderColumns { get; init; } = [];

    /// <summary>The warning about <see cref="BlankHeaderColumns"/>; null when there are none.</summary>
    public string? BlankHeaderWarning { get; init; }

    /// <summary>
    /// The warning that the import removed spaces at the start or end of cells in code and key columns, naming the
    /// columns and rows. Null when no such cell had them.
    /// </summary>
    public string? TrimmedWarning { get; init; }

    /// <summary>
    /// Problems of the whole file, such as a required field without a column, each reported once instead of on every
    /// row. <see cref="RowsRejected"/> counts only the rows with errors of their own.
    /// </summary>
    public IReadOnlyList<ImportFileError> FileErrors { get; init; } = [];
}
