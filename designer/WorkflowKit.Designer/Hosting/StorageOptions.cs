namespace WorkflowKit.Designer.Hosting;

/// <summary>Settings under <c>WorkflowKit:Storage</c>.</summary>
public sealed class StorageOptions
{
    /// <summary>SQLite file path or "Data Source=…" string; relative paths start at the content root.</summary>
    public string ConnectionString { get; set; } = "workflowkit.db";
}
