namespace WorkflowKit.Definitions.Store;

/// <summary>
/// One entry of a definition's version history. <c>Comment</c> is the publisher's comment, null for package imports
/// and for versions published without one.
/// </summary>
public sealed record DefinitionVersionInfo(
    int Version, string Name, string PublishedBy, DateTimeOffset PublishedAt, string ContentHash, string? PackageKey,
    string? Comment = null);
