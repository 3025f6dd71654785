namespace WorkflowKit.Import;

/// <summary>
/// A file being imported, read row by row so that a large file never sits in memory whole.
/// <see cref="ReadRowsAsync"/> may be enumerated once.
/// </summary>
public interface IImportSource : IAsyncDisposable
{
    /// <summary>The header row: column texts in file order, duplicates included.</summary>
    IReadOnlyList<string> Headers { get; }

    IAsyncEnumerable<ImportSourceRow> ReadRowsAsync(CancellationToken cancellationToken);
}
