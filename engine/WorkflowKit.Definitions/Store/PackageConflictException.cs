namespace WorkflowKit.Definitions.Store;

/// <summary>
/// Thrown by a package import that would publish over versions not published by the package, when
/// <see cref="PackageImportOptions"/> does not say what to do with them. Nothing of the package was written.
/// </summary>
public sealed class PackageConflictException : InvalidOperationException
{
    public PackageConflictException(string packageKey, IReadOnlyList<PackageConflict> conflicts)
        : base(FormatMessage(packageKey, conflicts))
    {
        PackageKey = packageKey;
        Conflicts = conflicts;
    }

    /// <summary>The key of the package that was not imported.</summary>
    public string PackageKey { get; }

    /// <summary>The definitions with newer versions, in the package's import order.</summary>
    public IReadOnlyList<PackageConflict> Conflicts { get; }

    private static string FormatMessage(string packageKey, IReadOnlyList<PackageConflict> conflicts) =>
        $"Package {packageKey} was not imported because {conflicts.Count} definition(s) have newer versions that " +
        $"the package did not publish: {string.Join("; ", conflicts.Select(conflict => conflict.Describe()))}. " +
        "Choose for each whether to keep the newer version or replace it with the package's content.";
}
