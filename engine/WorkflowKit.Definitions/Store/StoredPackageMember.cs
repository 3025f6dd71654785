namespace WorkflowKit.Definitions.Store;

/// <summary>A document of a package: its kind, key and path inside the package folder.</summary>
public sealed record StoredPackageMember(string Kind, string Key, string Path);
