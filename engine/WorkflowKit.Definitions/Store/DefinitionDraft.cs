namespace WorkflowKit.Definitions.Store;

/// <summary>The editable draft of a definition; <see cref="Revision"/> grows by one per save.</summary>
public sealed record DefinitionDraft(
    string Kind, string Key, long Revision, string Json, string SavedBy, DateTimeOffset SavedAt);
