namespace WorkflowKit.Definitions.Diff;

/// <summary>The structural differences from version <see cref="FromVersion"/> to <see cref="ToVersion"/>.</summary>
public sealed record DefinitionDiff(
    string Kind, string Key, int FromVersion, int ToVersion, IReadOnlyList<DefinitionChange> Changes)
{
    public bool IsEmpty => Changes.Count == 0;
}
