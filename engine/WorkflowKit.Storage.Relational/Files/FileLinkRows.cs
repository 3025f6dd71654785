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
    /// Links a record to the files that a create or an update adds to its data (<see cref="FormFiles.Added"/>). Files
    /// the record named before are linked already, so an update that keeps a file that no longer exists still passes.
    /// </summary>
    public static Task WriteForRecordAsync(
        DbConnection connection, DbTransaction transaction, FormDefinition form, long recordId, JsonObject? before,
        JsonObject after, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var added = FormFiles.Added(form, before, after);
        return added.Count == 0
            ? Task.CompletedTask
            : WriteAsync(
                connection, transaction, added.Select(id => FileLink.ToRecord(id, form.Key, recordId)),
                cancellationToken);
    }
}
