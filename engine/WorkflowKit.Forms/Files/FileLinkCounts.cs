namespace WorkflowKit.Files;

/// <summary>The outcome of a pass that links the files that stored data names.</summary>
/// <param name="LinksWritten">Link rows inserted; links that existed already are not counted.</param>
/// <param name="FilesMarked">Files whose <c>linked</c> flag the pass set, which the sweep now keeps.</param>
public sealed record FileLinkCounts(long LinksWritten, long FilesMarked)
{
    public static FileLinkCounts None { get; } = new(0, 0);

    public FileLinkCounts Add(FileLinkCounts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(LinksWritten + other.LinksWritten, FilesMarked + other.FilesMarked);
    }
}
