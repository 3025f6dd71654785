namespace WorkflowKit.Import;

/// <summary>
/// A file being imported, read row by row so that a large file never sits in memory whole.
/// <see cref="ReadRowsAsync"/> may be enumerated once.
/// </summary>
public interface IImportSource : IAsyncDisposable
{
    /// <summary>The file name that row errors and warnings start with, such as <c>customers.csv</c>.</summary>
    string Name { get; }

    /// <summary>The header row: column texts in file order, duplicates included.</summary>
    IReadOnlyList<string> Headers { get; }

    /// <summary>
    /// True when text cells may carry the apostrophe of <see cref="SpreadsheetText.Escape"/>, which the import then
    /// removes from text fields. The CSV export writes it, and the .xlsx export does not, so this is true for CSV files
    /// only by default.
    /// </summary>
    bool HasEscapedText => false;

    IAsyncEnumerable<ImportSourceRow> ReadRowsAsync(CancellationToken cancellationToken);
}
