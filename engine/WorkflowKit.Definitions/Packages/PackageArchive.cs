using System.Globalization;
using System.IO.Compression;
using WorkflowKit.Definitions.Validation;

namespace WorkflowKit.Definitions.Packages;

/// <summary>
/// Reads a template package uploaded as a .zip archive. The archive contains package.json with its forms, flows, views
/// and sample data files either at its root or inside one top folder (as zipping the package folder itself gives).
/// Every entry is checked before anything is extracted: no absolute names, no ".." segments, no repeated names, at
/// most <see cref="MaxEntries"/> entries and <see cref="MaxUncompressedBytes"/> bytes uncompressed. The byte limit is
/// checked again while extracting, because the sizes in an archive's directory can be forged.
/// </summary>
public static class PackageArchive
{
    /// <summary>The most entries, files and folders together, that an archive may have.</summary>
    public const int MaxEntries = 1000;

    /// <summary>The most bytes that an archive's files may hold together once uncompressed (100 MiB).</summary>
    public const long MaxUncompressedBytes = 100L * 1024 * 1024;

    // Folders that macOS Finder adds to the archives it creates; they are not part of the package.
    private const string FinderMetadataFolder = "__MACOSX/";

    /// <summary>
    /// Checks <paramref name="archive"/> and extracts it into a new folder under the system's temporary folder.
    /// </summary>
    /// <exception cref="PackageArchiveException">The archive breaks one of the rules; nothing is left on disk.</exception>
    public static Task<ExtractedPackage> ExtractAsync(
        Stream archive, string archiveName, CancellationToken cancellationToken) =>
        ExtractAsync(archive, archiveName, Path.GetTempPath(), cancellationToken);

    /// <summary>
    /// Checks <paramref name="archive"/> and extracts it into a new folder under <paramref name="workFolder"/>.
    /// </summary>
    /// <exception cref="PackageArchiveException">The archive breaks one of the rules; nothing is left on disk.</exception>
    public static async Task<ExtractedPackage> ExtractAsync(
        Stream archive, string archiveName, string workFolder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(archive);
        ArgumentException.ThrowIfNullOrEmpty(archiveName);
        ArgumentException.ThrowIfNullOrEmpty(workFolder);

        ZipArchive zip;
        try
        {
            zip = await ZipArchive.CreateAsync(archive, ZipArchiveMode.Read, leaveOpen: true, entryNameEncoding: null,
                cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException error)
        {
            throw Rejected(PackageArchiveProblem.NotZip, archiveName, null, 0,
                $"\"{archiveName}\" is not a readable .zip archive ({error.Message}). Zip the package folder and " +
                "upload the .zip file.");
        }

        await using (zip.ConfigureAwait(false))
        {
            var files = CheckEntries(zip, archiveName);
            var prefix = FindPackagePrefix(files.Keys, archiveName);
            var root = Path.Combine(workFolder, "workflowkit-package-" + Guid.NewGuid().ToString("N"));
            var extracted = new ExtractedPackage(
                root, Path.Combine(root, prefix.TrimEnd('/').Replace('/', Path.DirectorySeparatorChar)), prefix,
                archiveName);
            try
            {
                await ExtractFilesAsync(files, root, archiveName, cancellationToken).ConfigureAwait(false);
                return extracted;
            }
            catch
            {
                extracted.Dispose();
                throw;
            }
        }
    }

    // Returns the file entries by their normalized names, after the checks that need no decompression.
    private static Dictionary<string, ZipArchiveEntry> CheckEntries(ZipArchive zip, string archiveName)
    {
        if (zip.Entries.Count > MaxEntries)
        {
            var count = zip.Entries.Count.ToString(CultureInfo.InvariantCulture);
            var limit = MaxEntries.ToString(CultureInfo.InvariantCulture);
            throw Rejected(PackageArchiveProblem.TooManyEntries, archiveName, null, MaxEntries,
                $"\"{archiveName}\" has {count} entries, more than the {limit} a package archive may have. Zip " +
                "only the package folder: package.json with its forms, flows, views and sample data.");
        }

        var files = new Dictionary<string, ZipArchiveEntry>(StringComparer.Ordinal);
        var declared = 0L;
        foreach (var entry in zip.Entries)
        {
            // Archives made on Windows may separate folders with "\"; both separators name the same path.
            var name = entry.FullName.Replace('\\', '/');
            if (IsUnsafe(name))
            {
                throw Rejected(PackageArchiveProblem.UnsafePath, archiveName, entry.FullName, 0,
                    $"\"{archiveName}\" has the entry \"{entry.FullName}\", whose path is absolute or climbs out " +
                    "through \"..\". Entries must be paths inside the archive, such as \"forms/order.json\"; zip " +
                    "the package folder again with an ordinary zip tool.");
            }

            if (name.EndsWith('/') || name.StartsWith(FinderMetadataFolder, StringComparison.Ordinal))
            {
                continue;
            }

            if (!files.TryAdd(name, entry))
            {
                throw Rejected(PackageArchiveProblem.DuplicateEntry, archiveName, entry.FullName, 0,
                    $"\"{archiveName}\" has the entry \"{entry.FullName}\" twice. Zip the package folder again so " +
                    "that each file appears once.");
            }

            declared += entry.Length;
            if (declared > MaxUncompressedBytes)
            {
                throw TooLarge(archiveName, entry.FullName);
            }
        }

        return files;
    }

    private static bool IsUnsafe(string name)
    {
        if (name.Length == 0 || name[0] == '/' || (name.Length > 1 && name[1] == ':') || name.Contains('\0'))
        {
            return true;
        }

        return name.Split('/').Any(segment => segment == "..");
    }

    private static string FindPackagePrefix(IEnumerable<string> names, string archiveName)
    {
        var all = names.ToList();
        if (all.Contains(DefinitionValidator.ManifestFileName))
        {
            return string.Empty;
        }

        var tops = all.Select(name => name.Split('/')[0]).Distinct(StringComparer.Ordinal).ToList();
        if (tops.Count == 1 && all.Contains($"{tops[0]}/{DefinitionValidator.ManifestFileName}"))
        {
            return tops[0] + "/";
        }

        throw Rejected(PackageArchiveProblem.NoManifest, archiveName, null, 0,
            $"\"{archiveName}\" has no {DefinitionValidator.ManifestFileName} at its root or in a single top " +
            $"folder. Zip the package folder (the one that holds {DefinitionValidator.ManifestFileName}), or the " +
            "files inside it.");
    }

    private static async Task ExtractFilesAsync(
        Dictionary<string, ZipArchiveEntry> files, string root, string archiveName, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(root);
        var fullRoot = Path.GetFullPath(root) + Path.DirectorySeparatorChar;
        var written = 0L;
        var buffer = new byte[81920];
        foreach (var (name, entry) in files)
        {
            var target = Path.GetFullPath(Path.Combine(root, name.Replace('/', Path.DirectorySeparatorChar)));
            if (!target.StartsWith(fullRoot, StringComparison.Ordinal))
            {
                throw Rejected(PackageArchiveProblem.UnsafePath, archiveName, entry.FullName, 0,
                    $"\"{archiveName}\" has the entry \"{entry.FullName}\", whose path leaves the archive's folder. " +
                    "Zip the package folder again with an ordinary zip tool.");
            }

            // A file entry "a" next to "a/b.json" makes a path both a file and a folder.
            if (Directory.Exists(target) || HasFileAncestor(target, fullRoot))
            {
                throw Rejected(PackageArchiveProblem.DuplicateEntry, archiveName, entry.FullName, 0,
                    $"\"{archiveName}\" has the entry \"{entry.FullName}\", whose path is also used by another entry " +
                    "as a file or a folder. Zip the package folder again so that each path appears once.");
            }

            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            var source = await OpenAsync(entry, archiveName, cancellationToken).ConfigureAwait(false);
            await using (source.ConfigureAwait(false))
            {
                var output = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, 0, useAsync: true);
                await using (output.ConfigureAwait(false))
                {
                    int read;
                    while ((read = await ReadAsync(source, buffer, archiveName, entry, cancellationToken)
                               .ConfigureAwait(false)) > 0)
                    {
                        written += read;
                        if (written > MaxUncompressedBytes)
                        {
                            throw TooLarge(archiveName, entry.FullName);
                        }

                        await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    }
                }
            }
        }
    }

    private static bool HasFileAncestor(string path, string root)
    {
        for (var folder = Path.GetDirectoryName(path); folder is not null && folder.Length >= root.Length;
             folder = Path.GetDirectoryName(folder))
        {
            if (File.Exists(folder))
            {
                return true;
            }
        }

        return false;
    }

    private static async Task<Stream> OpenAsync(
        ZipArchiveEntry entry, string archiveName, CancellationToken cancellationToken)
    {
        try
        {
            return await entry.OpenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException error)
        {
            throw Unreadable(archiveName, entry, error);
        }
    }

    private static async Task<int> ReadAsync(
        Stream source, byte[] buffer, string archiveName, ZipArchiveEntry entry, CancellationToken cancellationToken)
    {
        try
        {
            return await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException error)
        {
            throw Unreadable(archiveName, entry, error);
        }
    }

    private static PackageArchiveException Unreadable(string archiveName, ZipArchiveEntry entry, Exception error) =>
        Rejected(PackageArchiveProblem.NotZip, archiveName, entry.FullName, 0,
            $"The entry \"{entry.FullName}\" of \"{archiveName}\" cannot be decompressed ({error.Message}). Zip the " +
            "package folder again and upload the new .zip file.");

    private static PackageArchiveException TooLarge(string archiveName, string entry) =>
        Rejected(PackageArchiveProblem.TooLarge, archiveName, entry, MaxUncompressedBytes,
            $"\"{archiveName}\" holds more than {MaxUncompressedMebibytes} MiB uncompressed (reached at the entry " +
            $"\"{entry}\"). A template package is JSON definitions and sample data; leave other files out of the " +
            "archive.");

    private static string MaxUncompressedMebibytes =>
        (MaxUncompressedBytes / (1024 * 1024)).ToString(CultureInfo.InvariantCulture);

    private static PackageArchiveException Rejected(
        PackageArchiveProblem problem, string archiveName, string? entry, long limit, string message) =>
        new(problem, archiveName, entry, limit, message);
}
