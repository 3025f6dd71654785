namespace WorkflowKit.Import;

/// <summary>Import mappings saved by name per form, for reuse with the next file of the same kind.</summary>
public interface IImportMappingStore
{
    Task SaveAsync(string formKey, string name, ImportMapping mapping, string userId,
        CancellationToken cancellationToken);

    /// <summary>The mapping saved under a name, or null when there is none.</summary>
    Task<ImportMapping?> FindAsync(string formKey, string name, CancellationToken cancellationToken);

    Task<IReadOnlyList<string>> ListNamesAsync(string formKey, CancellationToken cancellationToken);
}
