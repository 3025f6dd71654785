namespace WorkflowKit.Definitions.Store;

/// <summary>A definition as listed: its latest published version (if any) and its draft (if any).</summary>
public sealed record DefinitionSummary(
    string Kind, string Key, string Name, int? LatestVersion, DateTimeOffset? PublishedAt, long? DraftRevision);
