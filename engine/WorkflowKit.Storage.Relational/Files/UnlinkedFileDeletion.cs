using System.Data.Common;
using Dapper;

namespace WorkflowKit.Storage.Relational.Files;

/// <summary>
/// The last step of the file sweep: in one write transaction it links the old unlinked files that stored data names
/// and deletes the rest. On SQLite no other write commits inside that transaction, so a file that any committed data
/// names is kept. On PostgreSQL a write that links a file updates the file's row, so the DELETE, which rechecks
/// <c>NOT linked</c> on a row that changed since its snapshot, keeps it too.
/// </summary>
internal static class UnlinkedFileDeletion
{
    // NOTE: on PostgreSQL a write that names a file without linking it can still commit between the check and the
    // DELETE. Every write path of this version links, but a node of an older version during a rolling upgrade may not.
    public static async Task<int> RunAsync(
        IDatabase database, DateTimeOffset uploadedBefore, CancellationToken cancellationToken)
    {
        var dialect = database.Dialect;
        var parameters = new { Before = RelationalSql.Timestamp(dialect, uploadedBefore), Linked = true };
        try
        {
            await using var transaction = await database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var connection = transaction.Connection;
            if (dialect == SqlDialect.PostgreSql)
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    "SELECT pg_advisory_xact_lock(@Key)", new { Key = FileLinkBackfill.BatchLockKey },
                    transaction.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            }

            foreach (var scan in FileReferenceSource.All.SelectMany(source => source.Scans))
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    $"INSERT INTO {scan.LinkTable} SELECT DISTINCT f.id, {scan.HolderColumns} " +
                    $"{scan.FromSql(dialect)} JOIN wk_files f ON f.id = {FileReferenceSql.Id(dialect)} " +
                    $"WHERE {scan.WhereSql(dialect, inBatch: false)} AND NOT f.linked AND f.uploaded_at < @Before " +
                    "ON CONFLICT DO NOTHING",
                    parameters, transaction.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            }

            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE wk_files SET linked = @Linked WHERE NOT linked AND uploaded_at < @Before " +
                "AND (EXISTS (SELECT 1 FROM wk_file_links l WHERE l.file_id = wk_files.id) " +
                "OR EXISTS (SELECT 1 FROM wk_file_record_links rl WHERE rl.file_id = wk_files.id))",
                parameters, transaction.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            var deleted = await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM wk_files WHERE uploaded_at < @Before AND NOT linked " +
                "AND NOT EXISTS (SELECT 1 FROM wk_file_links l WHERE l.file_id = wk_files.id) " +
                "AND NOT EXISTS (SELECT 1 FROM wk_file_record_links rl WHERE rl.file_id = wk_files.id)",
                parameters, transaction.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return deleted;
        }
        catch (DbException error)
        {
            var rows = new List<UnreadableJsonRow>();
            foreach (var source in FileReferenceSource.All)
            {
                rows.AddRange(await FileLinkBackfill.FindUnreadableAsync(database, source, null, cancellationToken)
                    .ConfigureAwait(false));
            }

            if (rows.Count == 0)
            {
                throw;
            }

            throw new UnreadableJsonRowException("file sweep", rows, error);
        }
    }
}
