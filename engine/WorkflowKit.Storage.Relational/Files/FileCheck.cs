using System.Data.Common;
using System.Globalization;
using Dapper;

namespace WorkflowKit.Storage.Relational.Files;

/// <summary>
/// Compares the file references in stored data with <c>wk_files</c> for <c>workflowkit files check</c>, and changes
/// nothing. It reads every source table whole, as the sweep's link pass does, and lists the rows it cannot read.
/// </summary>
public static class FileCheck
{
    /// <summary>
    /// Lists the references whose file is missing, and the unlinked files uploaded before
    /// <paramref name="uploadedBefore"/>, which the next sweep links when data names them and deletes otherwise.
    /// A missing reference is an object of the reference shape whose id has the format of upload ids (32 lowercase
    /// hex digits), so sub-table rows with <c>id</c> and <c>name</c> columns are not reported.
    /// </summary>
    public static async Task<FileCheckReport> RunAsync(
        IDatabase database, DateTimeOffset uploadedBefore, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        var dialect = database.Dialect;
        var before = RelationalSql.Timestamp(dialect, uploadedBefore);
        var id = FileReferenceSql.Id(dialect);
        var uploadId = dialect == SqlDialect.PostgreSql
            ? $"{id} ~ '^[0-9a-f]{{32}}$'"
            : $"length({id}) = 32 AND {id} NOT GLOB '*[^0-9a-f]*'";
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

        var missing = new List<MissingFileReference>();
        var named = new HashSet<string>(StringComparer.Ordinal);
        var unreadable = new List<UnreadableJsonRow>();
        foreach (var scan in FileReferenceSource.All.SelectMany(source => source.Scans))
        {
            var holder = scan.ToRecord
                ? scan.HolderColumns.Replace(", ", " AS FormKey, ", StringComparison.Ordinal) + " AS RecordId"
                : $"NULL AS FormKey, NULL AS RecordId, {scan.HolderColumns} AS InstanceId";
            var missingSql = (bool validOnly) =>
                $"SELECT DISTINCT {id} AS FileId, {holder} {scan.FromSql(dialect, validOnly)} " +
                $"LEFT JOIN wk_files f ON f.id = {id} " +
                $"WHERE {scan.WhereSql(dialect, inBatch: false)} AND f.id IS NULL AND {uploadId}";
            var namedOldSql = (bool validOnly) =>
                $"SELECT DISTINCT f.id {scan.FromSql(dialect, validOnly)} JOIN wk_files f ON f.id = {id} " +
                $"WHERE {scan.WhereSql(dialect, inBatch: false)} AND NOT f.linked AND f.uploaded_at < @Before";
            IReadOnlyList<UnreadableJsonRow> skipped = [];
            IEnumerable<MissingRow> rows;
            IEnumerable<string> namedOld;
            try
            {
                rows = await connection.QueryAsync<MissingRow>(new CommandDefinition(
                    missingSql(false), cancellationToken: cancellationToken)).ConfigureAwait(false);
                namedOld = await connection.QueryAsync<string>(new CommandDefinition(
                    namedOldSql(false), new { Before = before }, cancellationToken: cancellationToken))
                    .ConfigureAwait(false);
            }
            catch (DbException)
            {
                // A row that cannot be read stops the whole query, so the check names those rows and reads the rest.
                skipped = await UnreadableJsonRows.FindAsync(connection, dialect, scan, null, cancellationToken)
                    .ConfigureAwait(false);
                if (skipped.Count == 0)
                {
                    throw;
                }

                var readable = $" AND NOT ({RelationalSql.InList(dialect, $"CAST({scan.Key} AS text)", "Skipped")})";
                var keys = new
                {
                    Before = before,
                    Skipped = RelationalSql.ValueList(dialect, [.. skipped.Select(row => row.RowId)]),
                };
                rows = await connection.QueryAsync<MissingRow>(new CommandDefinition(
                    missingSql(true) + readable, keys, cancellationToken: cancellationToken)).ConfigureAwait(false);
                namedOld = await connection.QueryAsync<string>(new CommandDefinition(
                    namedOldSql(true) + readable, keys, cancellationToken: cancellationToken)).ConfigureAwait(false);
            }

            missing.AddRange(rows.Select(row => new MissingFileReference(row.FileId, row.Holder, scan.Description)));
            named.UnionWith(namedOld);
            unreadable.AddRange(skipped);
        }

        var unlinked = await connection.QueryAsync<UnlinkedRow>(new CommandDefinition(
            "SELECT id AS Id, name AS Name, size AS Size, uploaded_at AS UploadedAt FROM wk_files " +
            "WHERE uploaded_at < @Before AND NOT linked " +
            "AND NOT EXISTS (SELECT 1 FROM wk_file_links l WHERE l.file_id = wk_files.id) " +
            "AND NOT EXISTS (SELECT 1 FROM wk_file_record_links rl WHERE rl.file_id = wk_files.id) " +
            "ORDER BY uploaded_at, id",
            new { Before = before }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var finished = await FileLinkBackfill.IsFinishedAsync(database, cancellationToken).ConfigureAwait(false);
        return new FileCheckReport(
            [.. missing.OrderBy(item => item.FileId, StringComparer.Ordinal)
                .ThenBy(item => item.Holder, StringComparer.Ordinal)],
            [.. unlinked.Select(row => new UnlinkedFile(
                row.Id, row.Name, Convert.ToInt64(row.Size, CultureInfo.InvariantCulture), ReadTime(row.UploadedAt),
                named.Contains(row.Id)))],
            finished)
        {
            Unreadable = unreadable,
        };
    }

    // PostgreSQL returns timestamptz as a UTC DateTime, SQLite the stored ISO 8601 text.
    private static DateTimeOffset ReadTime(object value) => value is DateTime time
        ? new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc), TimeSpan.Zero)
        : DateTimeOffset.Parse(
            Convert.ToString(value, CultureInfo.InvariantCulture)!, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal).ToUniversalTime();

    private sealed class MissingRow
    {
        public string FileId { get; set; } = string.Empty;

        public string? FormKey { get; set; }

        public object? RecordId { get; set; }

        public string? InstanceId { get; set; }

        public string Holder => InstanceId is { } instance
            ? $"instance {instance}"
            : $"record {Convert.ToString(RecordId, CultureInfo.InvariantCulture)} of form '{FormKey}'";
    }

    private sealed class UnlinkedRow
    {
        public string Id { get; set; } = string.Empty;

        public string Name { get; set; } = string.Empty;

        public object Size { get; set; } = 0L;

        public object UploadedAt { get; set; } = null!;
    }
}

/// <summary>The outcome of <see cref="FileCheck.RunAsync"/>.</summary>
/// <param name="Missing">References whose file is not in <c>wk_files</c>, by file id.</param>
/// <param name="Unlinked">Old files that no link names, oldest first.</param>
/// <param name="BackfillFinished">Whether the one-time link backfill has read all stored data.</param>
public sealed record FileCheckReport(
    IReadOnlyList<MissingFileReference> Missing, IReadOnlyList<UnlinkedFile> Unlinked, bool BackfillFinished)
{
    /// <summary>
    /// Rows whose JSON column is not valid JSON. The check reads the other rows. The sweep stops at these and deletes
    /// nothing until they are repaired or cleared, because they may name files that no other data names.
    /// </summary>
    public IReadOnlyList<UnreadableJsonRow> Unreadable { get; init; } = [];
}

/// <summary>A file reference in stored data whose file does not exist.</summary>
/// <param name="FileId">The id that the data names.</param>
/// <param name="Holder">The record or instance, such as "record 7 of form 'visit'" or "instance 0f3a…".</param>
/// <param name="Where">The column it sits in, such as "record data" or "record audit snapshot".</param>
public sealed record MissingFileReference(string FileId, string Holder, string Where);

/// <summary>A stored file that no link names and that is older than the sweep's grace period.</summary>
/// <param name="Id">The file id.</param>
/// <param name="Name">The file name.</param>
/// <param name="Size">The content length in bytes.</param>
/// <param name="UploadedAt">When it was stored, in UTC.</param>
/// <param name="NamedByData">True when stored data names it, so the next sweep links it instead of deleting it.</param>
public sealed record UnlinkedFile(string Id, string Name, long Size, DateTimeOffset UploadedAt, bool NamedByData);
