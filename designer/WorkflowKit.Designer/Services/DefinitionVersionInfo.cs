namespace WorkflowKit.Designer.Services;

/// <summary>
/// A published, immutable version of a definition. <c>ContentHash</c> is the SHA-256 of its stored JSON, equal for two
/// versions with the same content, and null where the source does not give it.
/// </summary>
public sealed record DefinitionVersionInfo(
    int Version, string PublishedBy, DateTimeOffset PublishedAt, string? Comment, string? ContentHash = null);
