namespace WorkflowKit.Designer.Services;

/// <summary>A published, immutable version of a definition.</summary>
public sealed record DefinitionVersionInfo(int Version, string PublishedBy, DateTimeOffset PublishedAt, string? Comment);
