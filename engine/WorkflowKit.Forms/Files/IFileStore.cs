using WorkflowKit.Storage;

namespace WorkflowKit.Files;

/// <summary>
/// Uploaded files of attachment, image and signature fields, with their content, in table <c>wk_files</c>, and the
/// instances and records that name them in <c>wk_file_links</c> and <c>wk_file_record_links</c> (migrations 3100 and
/// 3110).
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

    /// <summary>
    /// Records that instances or records name the files, in <paramref name="transaction"/> so that the links commit or
    /// roll back with the write that names the files; a null transaction writes in its own. Linking a pair twice is
    /// harmless, and a linked file is never swept.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// A linked file does not exist, because it was never uploaded or the sweep removed it. Nothing is linked, and the
    /// caller's write must fail with it.
    /// </exception>
    Task LinkAsync(
        IReadOnlyCollection<FileLink> links, IStorageTransaction? transaction, CancellationToken cancellationToken);

    /// <summary>
    /// Links the files named by references that were found by their shape (<see cref="FileReferenceShapes"/>), in
    /// <paramref name="transaction"/> as <see cref="LinkAsync"/> does. An id that names no stored file is skipped,
    /// because a sub-table row with <c>id</c> and <c>name</c> columns has the shape of a reference, unless it has the
    /// format of upload ids (<see cref="FileReferenceShapes.IsUploadId"/>).
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// An id in the format of upload ids names no file, because the sweep removed it. Nothing is linked, and the
    /// caller's write must fail with it.
    /// </exception>
    Task LinkFoundAsync(
        IReadOnlyCollection<FileLink> links, IStorageTransaction? transaction, CancellationToken cancellationToken);

    /// <summary>
    /// Returns the instances and records linked to a file and the records those instances wrote, which a download may
    /// be allowed through. Empty for an unknown id.
    /// </summary>
    Task<IReadOnlyList<FileHolder>> ListHoldersAsync(string fileId, CancellationToken cancellationToken);

    /// <summary>
    /// Links the files that stored data names without a link, because the data was written before writes linked their
    /// files. It reads record data and audit snapshots, instance forms and variables, and instance audit form data. It
    /// runs once per database in batches that each commit, resumes after the last batch when stopped, and returns
    /// <see cref="FileLinkCounts.None"/> once done.
    /// </summary>
    Task<FileLinkCounts> LinkNamedFilesAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Deletes files uploaded before <paramref name="uploadedBefore"/> that no link ever named and that no stored data
    /// names, and returns how many it deleted. It first finishes <see cref="LinkNamedFilesAsync"/>, then links the old
    /// unlinked files that data names, whatever path wrote that data.
    /// </summary>
    Task<int> DeleteUnlinkedAsync(DateTimeOffset uploadedBefore, CancellationToken cancellationToken);
}
