using System.Text;

namespace WorkflowKit.Definitions.Store;

/// <summary>Writes published definitions and imported packages from a store to files.</summary>
public static class DefinitionExporter
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes one published version (the latest when <paramref name="version"/> is null) to a file.</summary>
    public static async Task<DefinitionVersion> ExportVersionAsync(
        IDefinitionStore store, string kind, string key, int? version, string path, CancellationToken cancellationToken)
    {
        var found = await FindVersionAsync(store, kind, key, version, cancellationToken).ConfigureAwait(false);
        await WriteAsync(path, found.Json, cancellationToken).ConfigureAwait(false);
        return found;
    }

    /// <summary>Gets a published version (the latest when <paramref name="version"/> is null).</summary>
    /// <exception cref="KeyNotFoundException">The definition or the version is not published.</exception>
    internal static async Task<DefinitionVersion> FindVersionAsync(
        IDefinitionStore store, string kind, string key, int? version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var found = await store.GetVersionAsync(kind, key, version, cancellationToken).ConfigureAwait(false);
        if (found is not null)
        {
            return found;
        }

        // Versions are numbered from 1 without gaps, so naming the latest names every version there is.
        var latest = version is null
            ? null
            : await store.GetVersionAsync(kind, key, null, cancellationToken).ConfigureAwait(false);
        throw new KeyNotFoundException(latest is null
            ? $"{kind} \"{key}\" has no published version. Publish it or import its package first."
            : $"{kind} \"{key}\" has no published version {version}; its published versions are 1 to " +
              $"{latest.Version}.");
    }

    /// <summary>
    /// Writes an imported package into a folder: its manifest, the latest published version of
    /// each member at the member's path, and its sample data files. Returns the files written.
    /// </summary>
    public static async Task<IReadOnlyList<string>> ExportPackageAsync(
        IDefinitionStore store, string packageKey, string folder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var package = await store.GetPackageAsync(packageKey, cancellationToken).ConfigureAwait(false)
            ?? throw new KeyNotFoundException(
                $"No package \"{packageKey}\" was imported into this store. Run \"workflowkit list\" to see what is " +
                $"there.");
        var written = new List<string>();
        var manifestPath = Path.Combine(folder, Validation.DefinitionValidator.ManifestFileName);
        await WriteAsync(manifestPath, package.ManifestJson, cancellationToken).ConfigureAwait(false);
        written.Add(manifestPath);

        foreach (var member in package.Members)
        {
            var version = await store.GetVersionAsync(member.Kind, member.Key, null,
                cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException(
                    $"Package \"{packageKey}\" lists {member.Kind} \"{member.Key}\", which has no published version.");
            var path = Path.Combine(folder, member.Path);
            await WriteAsync(path, version.Json, cancellationToken).ConfigureAwait(false);
            written.Add(path);
        }

        foreach (var (relative, content) in package.Files)
        {
            var path = Path.Combine(folder, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            await File.WriteAllBytesAsync(path, content, cancellationToken).ConfigureAwait(false);
            written.Add(path);
        }

        return written;
    }

    internal static async Task WriteAsync(string path, string json, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var text = json.EndsWith('\n') ? json : json + "\n";
        await File.WriteAllTextAsync(path, text, Utf8, cancellationToken).ConfigureAwait(false);
    }
}
