namespace WorkflowKit.Storage.Sqlite;

/// <summary>
/// Limits of group commit on a <see cref="SqliteDatabase"/>: how many write transactions that queue
/// behind each other one SQLite commit may carry, and for how long a group keeps taking members.
/// </summary>
public sealed record SqliteGroupCommitOptions
{
    /// <summary>The defaults: up to 64 transactions per commit, a group taking members for up to 5 ms.</summary>
    public static SqliteGroupCommitOptions Default { get; } = new();

    /// <summary>One SQLite commit per write transaction, as without group commit.</summary>
    public static SqliteGroupCommitOptions Off { get; } = new() { MaxTransactions = 1 };

    /// <summary>Most write transactions one SQLite commit carries; 1 turns group commit off.</summary>
    public int MaxTransactions { get; init; } = 64;

    /// <summary>
    /// Time after a group's first transaction began past which the group commits instead of taking
    /// one more member. It bounds how long a committed transaction waits for the writers queued after it,
    /// unless one of them holds its turn for longer.
    /// </summary>
    public TimeSpan MaxAge { get; init; } = TimeSpan.FromMilliseconds(5);
}
