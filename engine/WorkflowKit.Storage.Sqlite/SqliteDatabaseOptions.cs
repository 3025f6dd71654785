namespace WorkflowKit.Storage.Sqlite;

/// <summary>Settings of a <see cref="SqliteDatabase"/>: commit durability and group-commit limits.</summary>
public sealed record SqliteDatabaseOptions
{
    /// <summary>The defaults: <see cref="SqliteSynchronous.Full"/> and <see cref="SqliteGroupCommitOptions.Default"/>.</summary>
    public static SqliteDatabaseOptions Default { get; } = new();

    /// <summary>Whether each commit waits for the WAL to reach the disk; <see cref="SqliteSynchronous.Full"/> by default.</summary>
    public SqliteSynchronous Synchronous { get; init; } = SqliteSynchronous.Full;

    /// <summary>How many queued write transactions one SQLite commit may carry, and for how long.</summary>
    public SqliteGroupCommitOptions GroupCommit { get; init; } = SqliteGroupCommitOptions.Default;
}
