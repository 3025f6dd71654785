using System.Data.Common;
using System.Globalization;
using Dapper;
using WorkflowKit.Files;

namespace WorkflowKit.Storage.Relational.Files;

/// <summary>
/// Links the files that stored data names: record data and audit snapshots, instance forms and variables, and the
/// form data of instance audit rows (<see cref="FileReferenceSource.All"/>). Before migration 3110 record writes
/// wrote no links and instance links were written after the instance's transaction, so such files can lack a link
/// and the <c>linked</c> flag. Each batch of rows commits its links and flags in one transaction, so a pass that
/// stops part way keeps what it did, and running a pass again writes nothing twice.
/// </summary>
public static class FileLinkBackfill
{
    /// <summary>Rows of one source table read per batch and transaction.</summary>
    public const int DefaultBatchSize = 1000;

    // Any fixed 64-bit key works; it only has to be the same on every node that shares the database.
    internal const long BatchLockKey = 0x574B_4649_4C45;

    /// <summary>Returns whether the one-time pass of <see cref="RunAsync"/> has read every source to its end.</summary>
    public static async Task<bool> IsFinishedAsync(IDatabase database, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var unfinished = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM wk_file_link_backfill WHERE NOT finished",
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return unfinished == 0;
    }

    /// <summary>
    /// Runs the one-time pass, or resumes it after the last batch that committed, and records its progress in
    /// <c>wk_file_link_backfill</c> (migration 3120). Returns at once, with <see cref="FileLinkCounts.None"/>, once
    /// the pass has finished. Links every stored file that a scanned value names, linked before or not.
    /// </summary>
    public static async Task<FileLinkCounts> RunAsync(
        IDatabase database, int batchSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var progress = await ReadProgressAsync(database, cancellationToken).ConfigureAwait(false);
        var total = FileLinkCounts.None;
        foreach (var source in FileReferenceSource.All)
        {
            if (!progress.TryGetValue(source.Name, out var state) || IsTrue(state.finished))
            {
                continue;
            }

            var after = state.last_key is null ? source.FirstKey : source.ReadKey(state.last_key);
            var counts = await LinkSourceAsync(
                database, source, after, batchSize, uploadedBefore: null, recordProgress: true,
                cancellationToken).ConfigureAwait(false);
            total = total.Add(counts);
        }

        return total;
    }

    /// <summary>
    /// Links the files uploaded before <paramref name="uploadedBefore"/> that are not marked linked and that stored
    /// data names, reading every source from its start. The sweep runs it just before it deletes, so a file that a
    /// write named without linking it, on any path, is kept.
    /// </summary>
    public static async Task<FileLinkCounts> LinkUnlinkedAsync(
        IDatabase database, DateTimeOffset uploadedBefore, int batchSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var total = FileLinkCounts.None;
        foreach (var source in FileReferenceSource.All)
        {
            var counts = await LinkSourceAsync(
                database, source, source.FirstKey, batchSize, uploadedBefore, recordProgress: false,
                cancellationToken).ConfigureAwait(false);
            total = total.Add(counts);
        }

        return total;
    }

    private static async Task<FileLinkCounts> LinkSourceAsync(
        IDatabase database, FileReferenceSource source, object after, int batchSize, DateTimeOffset? uploadedBefore,
        bool recordProgress, CancellationToken cancellationToken)
    {
        var fileFilter = uploadedBefore is null ? string.Empty : " AND NOT f.linked AND f.uploaded_at < @Before";
        var before = uploadedBefore is { } time ? RelationalSql.Timestamp(database.Dialect, time) : null;
        var total = FileLinkCounts.None;
        while (true)
        {
            try
            {
                var (batch, upper) = await LinkBatchAsync(
                    database, source, after, batchSize, before, fileFilter, recordProgress, cancellationToken)
                    .ConfigureAwait(false);
                if (upper is null)
                {
                    return total;
                }

                total = total.Add(batch);
                after = upper;
            }
            catch (DbException error)
            {
                var rows = await FindUnreadableAsync(database, source, after, cancellationToken).ConfigureAwait(false);
                if (rows.Count == 0)
                {
                    throw;
                }

                var pass = recordProgress ? "file link backfill" : "file sweep's link pass";
                throw new UnreadableJsonRowException(pass, rows, error);
            }
        }
    }

    /// <summary>
    /// Returns the rows of <paramref name="source"/> after <paramref name="after"/> whose JSON columns cannot be read,
    /// or, with a null <paramref name="after"/>, those of the whole table.
    /// </summary>
    internal static async Task<IReadOnlyList<UnreadableJsonRow>> FindUnreadableAsync(
        IDatabase database, FileReferenceSource source, object? after, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<UnreadableJsonRow>();
        foreach (var scan in source.Scans)
        {
            rows.AddRange(await UnreadableJsonRows.FindAsync(
                connection, database.Dialect, scan, after, cancellationToken).ConfigureAwait(false));
        }

        return rows;
    }

    // Links one batch in its own transaction and returns its counts and the last key it read, or a null key at the end.
    private static async Task<(FileLinkCounts Counts, object? Upper)> LinkBatchAsync(
        IDatabase database, FileReferenceSource source, object after, int batchSize, object? before,
        string fileFilter, bool recordProgress, CancellationToken cancellationToken)
    {
        var dialect = database.Dialect;
        await using var transaction = await database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var connection = transaction.Connection;
        if (dialect == SqlDialect.PostgreSql)
        {
            // Nodes that sweep at once take turns per batch, so their inserts of the same links do not deadlock.
            await connection.ExecuteAsync(new CommandDefinition(
                "SELECT pg_advisory_xact_lock(@Key)", new { Key = BatchLockKey }, transaction.Transaction,
                cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        var upper = await connection.ExecuteScalarAsync<object?>(new CommandDefinition(
            source.NextUpperSql, new { After = after, Size = batchSize }, transaction.Transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (upper is null or DBNull)
        {
            if (recordProgress)
            {
                await MarkFinishedAsync(connection, transaction.Transaction, source, cancellationToken)
                    .ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            return (FileLinkCounts.None, null);
        }

        var range = new { After = after, Upper = source.ReadKey(upper), Before = before, Linked = true };
        long links = 0;
        foreach (var scan in source.Scans)
        {
            links += await connection.ExecuteAsync(new CommandDefinition(
                $"INSERT INTO {scan.LinkTable} SELECT DISTINCT f.id, {scan.HolderColumns} " +
                $"{scan.FromSql(dialect)} JOIN wk_files f ON f.id = {FileReferenceSql.Id(dialect)} " +
                $"WHERE {scan.WhereSql(dialect, inBatch: true)}{fileFilter} ON CONFLICT DO NOTHING",
                range, transaction.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        var marked = await connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE wk_files SET linked = @Linked WHERE NOT linked AND id IN ({source.LinkedFilesSql})",
            range, transaction.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (recordProgress)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE wk_file_link_backfill SET last_key = @LastKey WHERE source = @Source",
                new { LastKey = Convert.ToString(upper, CultureInfo.InvariantCulture), Source = source.Name },
                transaction.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return (new FileLinkCounts(links, marked), range.Upper);
    }

    private static Task MarkFinishedAsync(
        DbConnection connection, DbTransaction transaction, FileReferenceSource source,
        CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "UPDATE wk_file_link_backfill SET finished = @Finished WHERE source = @Source",
            new { Finished = true, Source = source.Name }, transaction, cancellationToken: cancellationToken));

    // SQLite returns the flag as an integer, PostgreSQL as a boolean.
    private static bool IsTrue(object flag) => Convert.ToBoolean(flag, CultureInfo.InvariantCulture);

    private static async Task<Dictionary<string, ProgressRow>> ReadProgressAsync(
        IDatabase database, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<ProgressRow>(new CommandDefinition(
            "SELECT source, last_key, finished FROM wk_file_link_backfill",
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.ToDictionary(row => row.source, StringComparer.Ordinal);
    }

#pragma warning disable IDE1006, SA1300 // Dapper maps the snake_case columns by name.
    private sealed class ProgressRow
    {
        public string source { get; set; } = string.Empty;

        public string? last_key { get; set; }

        public object finished { get; set; } = false;
    }
#pragma warning restore IDE1006, SA1300
}
