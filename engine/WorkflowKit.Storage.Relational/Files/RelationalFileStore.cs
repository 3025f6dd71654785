using System.Globalization;
using Dapper;
using WorkflowKit.Files;

namespace WorkflowKit.Storage.Relational.Files;

/// <summary>
/// Files in tables <c>wk_files</c>, <c>wk_file_links</c> and <c>wk_file_record_links</c> (migrations 3100 and 3110). The content is a BLOB (SQLite) or
/// BYTEA (PostgreSQL) column of the file's row, which keeps a file and its metadata in one backup and one
/// transaction. Field limits keep each file at 100 MB or less.
/// </summary>
public abstract class RelationalFileStore : IFileStore
{
    private const string Columns = "id, name, content_type, size, sha256, uploaded_by, uploaded_at";

    private readonly IDatabase _database;

    protected RelationalFileStore(IDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    private SqlDialect Dialect => _database.Dialect;

    /// <summary>
    /// Runs in <see cref="DeleteUnlinkedAsync"/> after the batched link pass and before the deleting transaction, so
    /// that tests can commit a write at that point.
    /// </summary>
    internal Func<CancellationToken, Task>? BeforeDeletion { get; set; }

    public async Task InsertAsync(StoredFile file, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (content.Length != file.Size)
        {
            throw new ArgumentException(
                $"File {file.Id} states a size of {file.Size} bytes but its content has {content.Length}; pass the " +
                "content that the size was measured on.", nameof(content));
        }

        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            $"INSERT INTO wk_files ({Columns}, content) VALUES (@Id, @Name, @ContentType, @Size, @Sha256, " +
            "@UploadedBy, @UploadedAt, @Content)",
            new
            {
                file.Id,
                file.Name,
                file.ContentType,
                file.Size,
                file.Sha256,
                file.UploadedBy,
                UploadedAt = RelationalSql.Timestamp(Dialect, file.UploadedAt),
                Content = content.ToArray(),
            },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<StoredFile?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<FileRow>(new CommandDefinition(
            $"SELECT {Columns} FROM wk_files WHERE id = @Id", new { Id = id },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row is null ? null : ToFile(row);
    }

    public async Task<byte[]?> ReadContentAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<byte[]>(new CommandDefinition(
            "SELECT content FROM wk_files WHERE id = @Id", new { Id = id },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task LinkAsync(
        IReadOnlyCollection<FileLink> links, IStorageTransaction? transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(links);
        if (links.Count == 0)
        {
            return;
        }

        if (transaction is not null)
        {
            await FileLinkRows.WriteAsync(transaction.Connection, transaction.Transaction, links, cancellationToken)
                .ConfigureAwait(false);
            return;
        }

        await using var own = await _database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await FileLinkRows.WriteAsync(own.Connection, own.Transaction, links, cancellationToken).ConfigureAwait(false);
        await own.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task LinkFoundAsync(
        IReadOnlyCollection<FileLink> links, IStorageTransaction? transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(links);
        if (links.Count == 0)
        {
            return;
        }

        if (transaction is not null)
        {
            await FileLinkRows.WriteFoundAsync(transaction.Connection, transaction.Transaction, links, cancellationToken)
                .ConfigureAwait(false);
            return;
        }

        await using var own = await _database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await FileLinkRows.WriteFoundAsync(own.Connection, own.Transaction, links, cancellationToken)
            .ConfigureAwait(false);
        await own.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<FileHolder>> ListHoldersAsync(string fileId, CancellationToken cancellationToken)
    {
        // Records reach an instance through records.instance_id when the instance created them, and through
        // wk_instance_records when it reviewed or updated a record it did not create. Records written outside a flow
        // (the records API, imports) are linked directly.
        const string sql =
            "SELECT l.instance_id AS InstanceId, NULL AS FormKey, NULL AS RecordId FROM wk_file_links l " +
            "WHERE l.file_id = @FileId " +
            "UNION SELECT NULL, rl.form_key, rl.record_id FROM wk_file_record_links rl WHERE rl.file_id = @FileId " +
            "UNION SELECT l.instance_id, r.form_key, r.id FROM wk_file_links l " +
            "JOIN records r ON r.instance_id = l.instance_id WHERE l.file_id = @FileId " +
            "UNION SELECT l.instance_id, ir.form_key, ir.record_id FROM wk_file_links l " +
            "JOIN wk_instance_records ir ON ir.instance_id = l.instance_id WHERE l.file_id = @FileId";
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<HolderRow>(new CommandDefinition(
            sql, new { FileId = fileId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows
            .Select(row => new FileHolder(
                row.InstanceId, row.FormKey,
                row.RecordId is null ? null : Convert.ToInt64(row.RecordId, CultureInfo.InvariantCulture)))
            .OrderBy(holder => holder.RecordId is not null)
            .ThenBy(holder => holder.InstanceId, StringComparer.Ordinal)
            .ThenBy(holder => holder.FormKey, StringComparer.Ordinal)
            .ThenBy(holder => holder.RecordId)];
    }

    public Task<FileLinkCounts> LinkNamedFilesAsync(CancellationToken cancellationToken) =>
        FileLinkBackfill.RunAsync(_database, FileLinkBackfill.DefaultBatchSize, cancellationToken);

    public async Task<int> DeleteUnlinkedAsync(DateTimeOffset uploadedBefore, CancellationToken cancellationToken)
    {
        await LinkNamedFilesAsync(cancellationToken).ConfigureAwait(false);
        if (await CountCandidatesAsync(uploadedBefore, cancellationToken).ConfigureAwait(false) == 0)
        {
            return 0;
        }

        // Links most named files in batches that each commit, so the write transaction below has little to link.
        await FileLinkBackfill.LinkUnlinkedAsync(
            _database, uploadedBefore, FileLinkBackfill.DefaultBatchSize, cancellationToken).ConfigureAwait(false);
        if (BeforeDeletion is { } hook)
        {
            await hook(cancellationToken).ConfigureAwait(false);
        }

        return await UnlinkedFileDeletion.RunAsync(_database, uploadedBefore, cancellationToken).ConfigureAwait(false);
    }

    private async Task<long> CountCandidatesAsync(DateTimeOffset uploadedBefore, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM wk_files WHERE uploaded_at < @Before AND NOT linked",
            new { Before = RelationalSql.Timestamp(Dialect, uploadedBefore) },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    private static StoredFile ToFile(FileRow row) => new(
        row.id, row.name, row.content_type, Convert.ToInt64(row.size, CultureInfo.InvariantCulture), row.sha256,
        row.uploaded_by, ReadTime(row.uploaded_at));

    // PostgreSQL returns timestamptz as a UTC DateTime, SQLite the stored ISO 8601 text.
    private static DateTimeOffset ReadTime(object value) => value switch
    {
        DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc), TimeSpan.Zero),
        DateTimeOffset time => time.ToUniversalTime(),
        string text => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)
            .ToUniversalTime(),
        _ => throw new InvalidOperationException(
            $"Unexpected timestamp value of type {value.GetType().Name} in wk_files.uploaded_at."),
    };

#pragma warning disable IDE1006, SA1300 // Dapper maps the snake_case columns by name.
    private sealed class FileRow
    {
        public string id { get; set; } = string.Empty;

        public string name { get; set; } = string.Empty;

        public string content_type { get; set; } = string.Empty;

        public object size { get; set; } = 0L;

        public string sha256 { get; set; } = string.Empty;

        public string uploaded_by { get; set; } = string.Empty;

        public object uploaded_at { get; set; } = null!;
    }
#pragma warning restore IDE1006, SA1300

    private sealed class HolderRow
    {
        public string? InstanceId { get; set; }

        public string? FormKey { get; set; }

        public object? RecordId { get; set; }
    }
}
