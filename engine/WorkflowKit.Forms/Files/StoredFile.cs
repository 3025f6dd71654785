namespace WorkflowKit.Files;

/// <summary>The metadata of an uploaded file; the content is read separately with <see cref="IFileStore.ReadContentAsync"/>.</summary>
/// <param name="Id">The random id that form data references, 32 lowercase hex digits.</param>
/// <param name="Name">The file name after <see cref="FileNames.Clean"/>: no path, no control or bidi characters.</param>
/// <param name="ContentType">The media type served on download, from the sniffed image format or the extension.</param>
/// <param name="Size">The content length in bytes.</param>
/// <param name="Sha256">The SHA-256 of the content as 64 lowercase hex digits.</param>
/// <param name="UploadedBy">The id of the user who uploaded it.</param>
/// <param name="UploadedAt">When it was stored, in UTC.</param>
public sealed record StoredFile(
    string Id, string Name, string ContentType, long Size, string Sha256, string UploadedBy, DateTimeOffset UploadedAt)
{
    /// <summary>Returns the reference that form data stores for this file.</summary>
    public FileReference ToReference() => new(Id, Name, Size, ContentType);
}
