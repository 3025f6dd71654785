namespace WorkflowKit.Import;

/// <summary>
/// The first rows of a file as they would be imported: the headers found, the mapping used
/// (given or derived from the headers), the non-blank headers no field takes with the warning about them,
/// and converted rows with errors.
/// </summary>
public sealed record ImportPreview(
    IReadOnlyList<string> Headers,
    ImportMapping Mapping,
    IReadOnlyList<string> UnmappedColumns,
    IReadOnlyList<ImportPreviewRow> Rows)
{
    /// <summary>The warning about <see cref="UnmappedColumns"/>; null when every non-blank column is imported.</summary>
    public string? UnmappedWarning { get; init; }

    /// <summary>
    /// The warning about previewed columns that have values under a blank header cell, which would not be imported.
    /// Null when there are none.
    /// </summary>
    public string? BlankHeaderWarning { get; init; }

    /// <summary>
    /// The warning that the import removed spaces at the start or end of cells in code and key columns, naming the
    /// columns and rows. Null when no such cell had them.
    /// </summary>
    public string? TrimmedWarning { get; init; }

    /// <summary>Problems of the whole file that the import would report, such as a required field without a column.</summary>
    public IReadOnlyList<ImportFileError> FileErrors { get; init; } = [];
}
