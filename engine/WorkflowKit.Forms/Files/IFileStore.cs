namespace WorkflowKit.Files;

/// <summary>
/// Uploaded files of attachment, image and signature fields, with their content, in table <c>wk_files</c>, and the
/// instances that reference them in <c>wk_file_links</c> (migration 3100).
/// </summary>
public interface IFileStore
{
    /// <summary>Stores a new file with its content in one transaction.</summary>
    /// <exception cref="ArgumentException">The content length differs from <see cref="StoredFile.Size"/>.</exception>
    Task InsertAsync(StoredFile file, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);

    /// <summary>Returns a file's metadata, or null when no file has the id.</summary>
    Task<StoredFile?> FindAsync(string id, CancellationToken cancellationToken);

    /// <summary>Returns a file's content, or null when no file has the id.</summary>
    Task<byte[]?> ReadContentAsync(string id, CancellationToken cancellationToken);

    /// <summary>Records that an instance's data references the files; linking a pair twice is harmless.</summary>
    Task LinkAsync(IReadOnlyCollection<FileLink> links, CancellationToken cancellationToken);

    /// <summary>
    /// Returns the instances linked to a file and the records those instances wrote, which a download may be
    /// allowed through. Empty for an unknown id.
    /// </summary>
    Task<IReadOnlyList<FileHolder>> ListHoldersAsync(string fileId, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes files uploaded before <paramref name="uploadedBefore"/> that no instance links, and returns how many
    /// it deleted.
    /// </summary>
    Task<int> DeleteUnlinkedAsync(DateTimeOffset uploadedBefore, CancellationToken cancellationToken);
}
