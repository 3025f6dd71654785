namespace WorkflowKit.Import;

/// <summary>
/// The first rows of a file as they would be imported: the headers found, the mapping used
/// (given or derived from the headers), the headers no field takes, and converted rows with errors.
/// </summary>
public sealed record ImportPreview(
    IReadOnlyList<string> Headers,
    ImportMapping Mapping,
    IReadOnlyList<string> UnmappedHeaders,
    IReadOnlyList<ImportPreviewRow> Rows);
