namespace WorkflowKit.Designer.Portal;

/// <summary>
/// A start form draft saved under flow version <paramref name="SavedVersion"/> whose form differs from that of the
/// version published now, <paramref name="CurrentVersion"/>. <paramref name="DroppedFields"/> names, in the page
/// language, the draft's fields that the current form no longer has and that the restore left out.
/// </summary>
public sealed record DraftVersionChange(int SavedVersion, int CurrentVersion, IReadOnlyList<string> DroppedFields);
