namespace WorkflowKit.Designer.Admin;

/// <summary>
/// A column mapping offered on the import page: one saved for the form under
/// <see cref="Name"/>, or a template file (<c>*.mapping.json</c>) at <see cref="TemplatePath"/>.
/// </summary>
public sealed record MappingPreset(string Name, string? TemplatePath)
{
    public bool IsTemplate => TemplatePath is not null;
}
