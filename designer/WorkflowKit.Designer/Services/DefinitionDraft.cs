namespace WorkflowKit.Designer.Services;

/// <summary>
/// The working copy of a definition. <see cref="Revision"/> increases with every save; a save
/// names the revision it started from, and a stale one is refused.
/// </summary>
public sealed record DefinitionDraft(
    DefinitionKind Kind,
    string Key,
    string Json,
    long Revision,
    string UpdatedBy,
    DateTimeOffset UpdatedAt,
    int? BasedOnVersion);
