namespace WorkflowKit.Definitions.Packages;

/// <summary>Why a template package archive was rejected before anything in it was read as a definition.</summary>
public enum PackageArchiveProblem
{
    /// <summary>The file is not a readable .zip archive.</summary>
    NotZip,

    /// <summary>An entry name is absolute (a leading "/" or "\", or a drive such as "C:") or has a ".." segment.</summary>
    UnsafePath,

    /// <summary>Two entries have the same name.</summary>
    DuplicateEntry,

    /// <summary>The archive has more entries than <see cref="PackageArchive.MaxEntries"/>.</summary>
    TooManyEntries,

    /// <summary>The entries hold more than <see cref="PackageArchive.MaxUncompressedBytes"/> bytes uncompressed.</summary>
    TooLarge,

    /// <summary>No package.json at the archive's root or in its single top folder.</summary>
    NoManifest,
}
