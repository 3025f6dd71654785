namespace WorkflowKit.Definitions.Store;

/// <summary>
/// What a package import does with a definition whose latest published version did not come from this package,
/// such as a flow that a process owner changed and published in the designer after the package's version (a
/// <see cref="PackageConflict"/>). By default the import throws <see cref="PackageConflictException"/> and writes
/// nothing.
/// </summary>
public sealed record PackageImportOptions
{
    /// <summary>The options of an import that rejects every conflict.</summary>
    public static PackageImportOptions Default { get; } = new();

    /// <summary>
    /// Definitions to publish from the package over their newer version, each as <c>kind:key</c> (such as
    /// <c>flow:credit-review</c>) or as a bare key for every kind with that key.
    /// </summary>
    public IReadOnlySet<string> Replace { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Whether every conflicting definition is published from the package over its newer version.</summary>
    public bool ReplaceAll { get; init; }

    /// <summary>
    /// Whether a conflicting definition that <see cref="Replace"/> does not name keeps its newer version and the rest
    /// of the package is imported, instead of the import being rejected.
    /// </summary>
    public bool KeepNewer { get; init; }

    /// <summary>Whether the import publishes the package's content of a conflicting definition.</summary>
    public bool Replaces(string kind, string key) =>
        ReplaceAll || Replace.Contains(key) || Replace.Contains($"{kind}:{key}");
}
