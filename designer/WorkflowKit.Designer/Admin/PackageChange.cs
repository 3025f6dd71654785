using WorkflowKit.Definitions.Store;

namespace WorkflowKit.Designer.Admin;

/// <summary>
/// One definition of a package preview: what the import would do with it and, for a definition with a newer version
/// that the package did not publish, that version and the admin's choice. Keeping the newer version is the default.
/// </summary>
public sealed class PackageChange(string kind, string key, string change, PackageConflict? conflict)
{
    public string Kind { get; } = kind;

    public string Key { get; } = key;

    /// <summary>"New", "Changed" or "Unchanged", also the key of the text shown.</summary>
    public string Change { get; } = change;

    public PackageConflict? Conflict { get; } = conflict;

    /// <summary>Whether the admin chose to publish the package's content over <see cref="Conflict"/>'s version.</summary>
    public bool Replace { get; set; }
}
