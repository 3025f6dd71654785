namespace WorkflowKit.Definitions.Store;

/// <summary>What an import published, and which documents it left alone because their content was unchanged.</summary>
public sealed record PackageImportResult(
    string PackageKey, IReadOnlyList<DefinitionVersionInfoWithKey> Published,
    IReadOnlyList<DefinitionVersionInfoWithKey> Unchanged);
