namespace WorkflowKit.Definitions.Store;

/// <summary>One entry of a definition's version history.</summary>
public sealed record DefinitionVersionInfo(
    int Version, string Name, string PublishedBy, DateTimeOffset PublishedAt, string ContentHash, string? PackageKey);
