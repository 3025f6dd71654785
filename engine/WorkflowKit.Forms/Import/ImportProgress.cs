namespace WorkflowKit.Import;

/// <summary>
/// Progress of a running import: rows read from the file, rows accepted (written, though in an
/// all-or-nothing import not yet committed), and rows rejected.
/// </summary>
public sealed record ImportProgress(long RowsRead, long RowsAccepted, long RowsRejected, bool Completed);
