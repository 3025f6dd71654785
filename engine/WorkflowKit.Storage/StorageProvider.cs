namespace WorkflowKit.Storage;

/// <summary>The database a deployment runs on; the value of <c>WorkflowKit:Storage:Provider</c>.</summary>
public enum StorageProvider
{
    /// <summary>One file on one machine; the default.</summary>
    Sqlite,

    /// <summary>A PostgreSQL database shared by several engine and designer nodes.</summary>
    PostgreSql,
}
