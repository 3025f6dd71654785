namespace WorkflowKit.Designer.Versions;

/// <summary>
/// One property that differs between two versions. <see cref="Path"/> is readable, such as
/// <c>assignees[1].value</c> or <c>options[high].label.en</c>, where an array item with an <c>id</c> is named by it.
/// <see cref="Before"/> and <see cref="After"/> are the values as text, null where the property is missing.
/// </summary>
public sealed record ValueChange(string Path, string? Before, string? After);
