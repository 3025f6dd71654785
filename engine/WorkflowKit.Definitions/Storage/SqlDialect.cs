namespace WorkflowKit.Storage;

/// <summary>SQL dialects the stores are written for.</summary>
public enum SqlDialect
{
    Sqlite,
    PostgreSql,
}
