namespace WorkflowKit.Definitions.Packages;

/// <summary>
/// Thrown when a template package archive is rejected by <see cref="PackageArchive"/>. Nothing of it was imported,
/// and the files extracted so far were deleted.
/// </summary>
public sealed class PackageArchiveException : IOException
{
    public PackageArchiveException(PackageArchiveProblem problem, string archiveName, string? entry, long limit, string message)
        : base(message)
    {
        Problem = problem;
        ArchiveName = archiveName;
        Entry = entry;
        Limit = limit;
    }

    public PackageArchiveProblem Problem { get; }

    /// <summary>The archive's file name as the caller gave it.</summary>
    public string ArchiveName { get; }

    /// <summary>The entry name inside the archive that broke the rule; null when the rule is about the whole archive.</summary>
    public string? Entry { get; }

    /// <summary>The limit that was exceeded: entries or bytes; 0 for the problems without a limit.</summary>
    public long Limit { get; }
}
