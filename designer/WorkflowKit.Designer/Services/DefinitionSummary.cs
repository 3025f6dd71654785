using WorkflowKit.Definitions;

namespace WorkflowKit.Designer.Services;

/// <summary>One definition in a list: its latest published version and whether a draft exists.</summary>
public sealed record DefinitionSummary(
    DefinitionKind Kind,
    string Key,
    LocalizedText Name,
    int? PublishedVersion,
    bool HasDraft,
    string? UpdatedBy,
    DateTimeOffset? UpdatedAt);
