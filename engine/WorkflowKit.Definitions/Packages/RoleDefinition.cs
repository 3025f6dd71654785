namespace WorkflowKit.Definitions.Packages;

/// <summary>A role that assignee rules and permission rules refer to by key.</summary>
public sealed class RoleDefinition
{
    public string Key { get; set; } = string.Empty;

    public LocalizedText Name { get; set; } = new();
}
