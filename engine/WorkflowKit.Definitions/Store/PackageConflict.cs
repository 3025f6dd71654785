namespace WorkflowKit.Definitions.Store;

/// <summary>
/// A definition of a package whose latest published version differs from the package's content and was not
/// published by this package, so that an import would replace someone's later work. <see cref="BaseVersion"/> is
/// the latest version that this package published, null when it never published one.
/// <see cref="PackageKey"/> is the package that published the latest version, null for the designer or the CLI.
/// </summary>
public sealed record PackageConflict(
    string Kind, string Key, int Version, string PublishedBy, DateTimeOffset PublishedAt, string? PackageKey,
    int? BaseVersion)
{
    /// <summary>
    /// Returns the conflict of a definition from its version history (oldest first), or null when its latest version
    /// came from package <paramref name="packageKey"/> or it has none. Call it only for a definition whose content
    /// differs from the package's.
    /// </summary>
    public static PackageConflict? Find(
        string kind, string key, string packageKey, IReadOnlyList<DefinitionVersionInfo> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (history.Count == 0 || history[^1].PackageKey == packageKey)
        {
            return null;
        }

        var latest = history[^1];
        var baseVersion = history.LastOrDefault(version => version.PackageKey == packageKey)?.Version;
        return new PackageConflict(
            kind, key, latest.Version, latest.PublishedBy, latest.PublishedAt, latest.PackageKey, baseVersion);
    }

    /// <summary>
    /// Describes the conflict in English, such as <c>flow credit-review version 2 was published by owner at
    /// 2026-12-05 09:34 UTC after the package's version 1</c>.
    /// </summary>
    public string Describe()
    {
        var source = PackageKey is null ? string.Empty : $" from package {PackageKey}";
        var baseText = BaseVersion is { } number ? $"after the package's version {number}" : "and the package never " +
            "published a version of it";
        return $"{Kind} {Key} version {Version} was published by {PublishedBy}{source} at " +
            $"{PublishedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC {baseText}";
    }
}
