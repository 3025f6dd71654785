using System.Data.Common;
using System.Text.Json.Nodes;
using Dapper;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Files;

namespace WorkflowKit.Storage.Relational.Files;

/// <summary>
/// Writes file links in a caller's transaction. The file store and both record stores use it, so that a record and
/// the links of the files it names commit together.
/// </summary>
public static class FileLinkRows
{
    /// <summary>
    /// Marks each linked file as linked and inserts the link rows. Marking updates the file's row, so on PostgreSQL a
    /// concurrent sweep that reaches the row waits for this transaction. Under Read Committed, its DELETE then rechecks
    /// <c>NOT linked</c> on the updated row and keeps the file.
    /// </summary>
    /// <exception cref="InvalidOperationException">A file does not exist; the caller's transaction must roll back.</exception>
    public static async Task WriteAsync(
        DbConnection connection, DbTransaction transaction, IEnumerable<FileLink> links,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(links);
        foreach (var link in links.Distinct())
        {
            var marked = await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE wk_files SET linked = @Linked WHERE id = @FileId", new { Linked = true, link.FileId },
                transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (marked == 0)
            {
                throw new InvalidOperationException(
                    $"File {link.FileId} that {link.Holder} names does not exist: it was never uploaded, or the file " +
                    "sweep removed it because nothing named it in time. Upload the file again and save once more.");
            }

            var insert = link.InstanceId is not null
                ? "INSERT INTO wk_file_links (file_id, instance_id) VALUES (@FileId, @InstanceId) " +
                  "ON CONFLICT (file_id, instance_id) DO NOTHING"
                : "INSERT INTO wk_file_record_links (file_id, form_key, record_id) VALUES (@FileId, @FormKey, @RecordId) " +
                  "ON CONFLICT (file_id, form_key, record_id) DO NOTHING";
            await connection.ExecuteAsync(new CommandDefinition(
                insert, new { link.FileId, link.InstanceId, link.FormKey, link.RecordId }, transaction,
                cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Links the files that shape-found references name (<see cref="FileReferenceShapes"/>) and marks them linked. An
    /// id that names no stored file is skipped, because a sub-table row with <c>id</c> and <c>name</c> columns has the
    /// shape too, unless it has the format of upload ids: then the file was removed, and the write must fail as in
    /// <see cref="WriteAsync"/>, since committing it would leave data that names a file the sweep deleted.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// An upload id names no file, so the caller's transaction must roll back.
    /// </exception>
    public static async Task WriteFoundAsync(
        DbConnection connection, DbTransaction transaction, IEnumerable<FileLink> links,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(links);
        var stored = new List<FileLink>();
        foreach (var link in links.Distinct())
        {
            var exists = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT COUNT(*) FROM wk_files WHERE id = @FileId", new { link.FileId }, transaction,
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (exists > 0 || FileReferenceShapes.IsUploadId(link.FileId))
            {
                stored.Add(link);
            }
        }

        await WriteAsync(connection, transaction, stored, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Links a record to the files that a create or an update adds to its data: those of the form's file fields
    /// (<see cref="FormFiles.Added"/>), which must exist, and the other references found by their shape
    /// (<see cref="WriteFoundAsync"/>). Files the record named before are linked already, so an update that keeps a
    /// file that no longer exists still passes. The record's audit snapshot is a copy of the data it writes, so these
    /// links cover it too.
    /// </summary>
    public static async Task WriteForRecordAsync(
        DbConnection connection, DbTransaction transaction, FormDefinition form, long recordId, JsonObject? before,
        JsonObject after, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var declared = FormFiles.Added(form, before, after);
        if (declared.Count > 0)
        {
            await WriteAsync(
                connection, transaction, declared.Select(id => FileLink.ToRecord(id, form.Key, recordId)),
                cancellationToken).ConfigureAwait(false);
        }

        var found = FileReferenceShapes.Added(before, after, includeRoot: false).Except(declared).ToList();
        if (found.Count > 0)
        {
            await WriteFoundAsync(
                connection, transaction, found.Select(id => FileLink.ToRecord(id, form.Key, recordId)),
                cancellationToken).ConfigureAwait(false);
        }
    }
}
