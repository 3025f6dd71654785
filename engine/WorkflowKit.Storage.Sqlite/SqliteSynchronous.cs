namespace WorkflowKit.Storage.Sqlite;

/// <summary>
/// SQLite's <c>synchronous</c> setting for the commits of a <see cref="SqliteDatabase"/> in WAL mode:
/// whether a commit waits for the WAL to reach the disk.
/// </summary>
public enum SqliteSynchronous
{
    /// <summary>
    /// Each commit syncs the WAL before it returns, so a power loss or kernel panic loses no
    /// committed transaction. With group commit, one sync carries every transaction of its group.
    /// </summary>
    Full,

    /// <summary>
    /// The WAL is synced only at checkpoints. A process crash still loses nothing, but a power loss
    /// or kernel panic can lose the last transactions committed before it, and an outbox message
    /// already sent for such a transaction can be sent again after the restart.
    /// </summary>
    Normal,
}
