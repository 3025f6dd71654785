namespace WorkflowKit.Designer.Hosting;

/// <summary>Settings under the <c>WorkflowKit</c> configuration section.</summary>
public sealed class DesignerOptions
{
    public const string Section = "WorkflowKit";

    /// <summary>Where definitions, instances, records and accounts are stored.</summary>
    public StorageOptions Storage { get; set; } = new();

    /// <summary>Create the demo accounts when the database has no users.</summary>
    public bool DemoAccounts { get; set; } = true;

    /// <summary>Folder of built-in template packages; "definitions/templates" above the content root when empty.</summary>
    public string? TemplatesPath { get; set; }
}
