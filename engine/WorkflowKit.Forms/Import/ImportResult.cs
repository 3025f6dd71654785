namespace WorkflowKit.Import;

/// <summary>
/// The outcome of an import. In an all-or-nothing import any rejected row leaves
/// <see cref="RowsWritten"/> at 0 and <see cref="Committed"/> false. <see cref="Errors"/> contains
/// at most <see cref="ImportOptions.MaxErrors"/> entries; <see cref="RowsRejected"/> counts all.
/// </summary>
public sealed record ImportResult(
    long RowsRead, long RowsWritten, long RowsRejected, bool Committed, IReadOnlyList<ImportRowError> Errors);
