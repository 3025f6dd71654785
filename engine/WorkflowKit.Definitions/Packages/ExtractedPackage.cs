namespace WorkflowKit.Definitions.Packages;

/// <summary>
/// A template package archive extracted into a new temporary folder. Disposing it deletes that folder, so the package
/// is validated and imported from <see cref="Folder"/> while it lives.
/// </summary>
public sealed class ExtractedPackage : IDisposable
{
    private readonly string _root;

    internal ExtractedPackage(string root, string folder, string entryPrefix, string archiveName)
    {
        _root = root;
        Folder = folder;
        EntryPrefix = entryPrefix;
        ArchiveName = archiveName;
    }

    /// <summary>The folder that contains the package's package.json.</summary>
    public string Folder { get; }

    /// <summary>The top folder of the archive's entries with a trailing "/", such as "biopharma/"; empty for none.</summary>
    public string EntryPrefix { get; }

    /// <summary>The archive's file name as the caller gave it.</summary>
    public string ArchiveName { get; }

    /// <summary>
    /// Returns the archive entry name, such as "biopharma/forms/order.json", of a file path under
    /// <see cref="Folder"/>; other paths are returned unchanged.
    /// </summary>
    public string EntryOf(string file)
    {
        var relative = Path.GetRelativePath(Folder, file);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative)
            ? file
            : EntryPrefix + relative.Replace(Path.DirectorySeparatorChar, '/');
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
