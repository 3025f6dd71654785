namespace WorkflowKit.Definitions.Store;

/// <summary>An imported template package: its manifest as imported, its documents and its other files.</summary>
public sealed record StoredPackage(
    string Key, string Version, string ManifestJson, IReadOnlyList<StoredPackageMember> Members,
    IReadOnlyDictionary<string, byte[]> Files, string ImportedBy, DateTimeOffset ImportedAt);
