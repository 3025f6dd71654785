namespace WorkflowKit.Designer.Hosting;

/// <summary>
/// Settings under <c>WorkflowKit:Storage</c>, read through
/// <see cref="WorkflowKit.Storage.StorageOptions.FromConfiguration"/>.
/// </summary>
public sealed class StorageOptions
{
    /// <summary><c>Sqlite</c> or <c>PostgreSql</c>; detected from the connection string when empty.</summary>
    public string? Provider { get; set; }

    /// <summary>
    /// SQLite file path or "Data Source=…" string (relative paths start at the content root), or a
    /// PostgreSQL connection string or <c>postgres://</c> URL.
    /// </summary>
    public string ConnectionString { get; set; } = "workflowkit.db";

    /// <summary>
    /// SQLite only: <c>Full</c> (the default) makes each commit wait until the WAL is on disk, so a
    /// power loss loses no committed work; <c>Normal</c> is faster but can lose the last commits
    /// before a power loss.
    /// </summary>
    public string SqliteSynchronous { get; set; } = "Full";
}
