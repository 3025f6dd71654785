namespace WorkflowKit.Definitions.Store;

/// <summary>What an import published, and which documents it left alone because their content was unchanged.</summary>
public sealed record PackageImportResult(
    string PackageKey, IReadOnlyList<DefinitionVersionInfoWithKey> Published,
    IReadOnlyList<DefinitionVersionInfoWithKey> Unchanged)
{
    /// <summary>
    /// The definitions whose newer version the import kept (<see cref="PackageImportOptions.KeepNewer"/>), so the
    /// package's content of them was not published.
    /// </summary>
    public IReadOnlyList<PackageConflict> Kept { get; init; } = [];
}
