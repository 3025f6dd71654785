namespace WorkflowKit.Definitions.Store;

/// <summary>An immutable published version of a definition.</summary>
public sealed record DefinitionVersion(
    string Kind, string Key, int Version, string Json, string PublishedBy, DateTimeOffset PublishedAt);
