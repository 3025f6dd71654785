using Microsoft.Data.Sqlite;

namespace WorkflowKit.Storage.Sqlite;

/// <summary>
/// Copies the WAL back into the database file on a connection of its own, off the write path.
/// SQLite's automatic checkpoint runs inside the commit that crosses its threshold, while that
/// writer holds the write lock, and it syncs the WAL and the database file, so every writer queued
/// behind it waited for two disk syncs. A passive checkpoint here
/// takes no write lock: writers go on appending while it copies and syncs.
/// </summary>
/// <remarks>
/// The writer connection keeps an automatic checkpoint at <see cref="WriterFallbackPages"/> pages,
/// so the WAL stays bounded when these checkpoints fall behind or fail.
/// </remarks>
internal sealed class SqliteCheckpointer(string connectionString)
{
    /// <summary>
    /// SQLite commits between background checkpoints. A step commits about 30 pages, so this is near
    /// SQLite's default threshold of 1,000 pages, or above it when commits are grouped.
    /// </summary>
    public const int CommitsPerCheckpoint = 32;

    /// <summary>WAL pages at which the writer checkpoints itself, ten times SQLite's default.</summary>
    public const int WriterFallbackPages = 10_000;

    /// <summary>
    /// Background checkpoints between trims of the C allocator's arenas (<see cref="SqliteMallocArenas.Trim"/>), so
    /// at least 512 commits pass between trims. A trim locks the arenas one at a time, so it runs here, off the
    /// write path.
    /// </summary>
    /// <remarks>
    /// NOTE: trims follow commits only, so a process that stops writing keeps the free space of its last burst
    /// until it writes again.
    /// </remarks>
    public const int CheckpointsPerTrim = 16;

    private readonly string _connectionString = new SqliteConnectionStringBuilder(connectionString)
    {
        // A checkpoint never creates the file: a database deleted meanwhile (by a test, say) stays deleted.
        Mode = SqliteOpenMode.ReadWrite,
    }.ToString();

    private int _commitsSince;
    private int _running;
    private long _checkpoints;

    /// <summary>Background checkpoints that ran to the end, whether or not they copied every frame.</summary>
    public long Checkpoints => Interlocked.Read(ref _checkpoints);

    /// <summary>Counts a SQLite commit and starts a checkpoint in the background once enough have accumulated.</summary>
    public void Committed()
    {
        if (Interlocked.Increment(ref _commitsSince) < CommitsPerCheckpoint
            || Interlocked.CompareExchange(ref _running, 1, 0) != 0)
        {
            return;
        }

        Interlocked.Exchange(ref _commitsSince, 0);
        _ = Task.Run(CheckpointAsync);
    }

    private async Task CheckpointAsync()
    {
        try
        {
            await using var connection = new SqliteConnection(_connectionString);
            await connection.OpenAsync().ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
            if (Interlocked.Increment(ref _checkpoints) % CheckpointsPerTrim == 0)
            {
                // SQLite frees and allocates its page caches again on whichever thread runs a transaction, and each
                // glibc arena keeps the free blocks of its threads. Without trims, that free space grew the working
                // set of a soak while the memory in use stayed flat.
                SqliteMallocArenas.Trim();
            }
        }
        catch (SqliteException)
        {
            // A checkpoint that cannot run now (file busy or gone) is retried after the next commits, and the
            // writer's own automatic checkpoint bounds the WAL meanwhile.
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }
}
