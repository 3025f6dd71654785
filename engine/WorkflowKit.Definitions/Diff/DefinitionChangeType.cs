namespace WorkflowKit.Definitions.Diff;

/// <summary>How an element differs between two versions.</summary>
public enum DefinitionChangeType
{
    Added,
    Removed,
    Changed,
}
