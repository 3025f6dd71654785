using System.Data.Common;
using System.Globalization;
using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using WorkflowKit.Definitions.Diff;
using WorkflowKit.Definitions.Store;
using WorkflowKit.Definitions.Validation;

namespace WorkflowKit.Storage.PostgreSql.Definitions;

/// <summary>
/// <see cref="IDefinitionStore"/> on PostgreSQL (migration 1000). Behaves as the SQLite store does;
/// the difference is concurrency: SQLite serialises writers with BEGIN IMMEDIATE, while here two
/// nodes may publish at once under READ COMMITTED, so every publish takes a transaction-scoped
/// advisory lock on its kind and key before it numbers the next version.
/// </summary>
public sealed partial class PostgresDefinitionStore : IDefinitionStore
{
    private const string VersionColumns =
        "kind AS Kind, key AS Key, version AS Number, name AS Name, content AS Content, content_hash AS ContentHash, " +
        "published_by AS PublishedBy, published_at AS PublishedAt, package_key AS PackageKey, comment AS Comment";

    private readonly PostgresDatabase _database;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    public PostgresDefinitionStore(PostgresDatabase database, TimeProvider timeProvider,
        ILogger<PostgresDefinitionStore>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _database = database;
        _timeProvider = timeProvider;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    public async Task<DefinitionDraft> SaveDraftAsync(
        string kind, string key, string json, long? baseRevision, string savedBy, CancellationToken cancellationToken)
    {
        DefinitionKinds.Check(kind);
        ArgumentException.ThrowIfNullOrEmpty(key);
        DefinitionKeys.Check(kind, key);
        ArgumentException.ThrowIfNullOrEmpty(savedBy);
        DefinitionDrafts.CheckJson(kind, key, json);
        var now = PgTime.Truncate(_timeProvider.GetUtcNow());

        await using var transaction = await _database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var connection = transaction.Connection;
        var revision = (baseRevision ?? 0) + 1;
        var at = PgTime.Write(now);
        var written = baseRevision is null or 0
            ? await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO definition_drafts (kind, key, revision, content, saved_by, saved_at) " +
                "VALUES (@kind, @key, 1, @json, @savedBy, @at) ON CONFLICT (kind, key) DO NOTHING",
                new { kind, key, json, savedBy, at }, transaction.Transaction, cancellationToken: cancellationToken))
                .ConfigureAwait(false)
            : await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE definition_drafts SET revision = @revision, content = @json, saved_by = @savedBy, " +
                "saved_at = @at WHERE kind = @kind AND key = @key AND revision = @baseRevision",
                new { kind, key, json, savedBy, at, revision, baseRevision }, transaction.Transaction,
                cancellationToken: cancellationToken)).ConfigureAwait(false);

        if (written == 0)
        {
            var current = await ReadDraftAsync(connection, transaction.Transaction, kind, key, cancellationToken)
                .ConfigureAwait(false);
            throw DefinitionDrafts.Conflict(kind, key, baseRevision, current is null
                ? null
                : (current.Revision, current.SavedBy, PgTime.Read(current.SavedAt)));
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        DefinitionStoreLog.DraftSaved(_logger, kind, key, revision);
        return new DefinitionDraft(kind, key, revision, json, savedBy, now);
    }

    public async Task<DefinitionDraft?> GetDraftAsync(string kind, string key, CancellationToken cancellationToken)
    {
        DefinitionKinds.Check(kind);
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var row = await ReadDraftAsync(connection, null, kind, key, cancellationToken).ConfigureAwait(false);
        return row is null
            ? null
            : new DefinitionDraft(row.Kind, row.Key, row.Revision, row.Content, row.SavedBy, PgTime.Read(row.SavedAt));
    }

    public async Task<bool> DeleteDraftAsync(string kind, string key, CancellationToken cancellationToken)
    {
        DefinitionKinds.Check(kind);
        ArgumentNullException.ThrowIfNull(key);
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var deleted = await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM definition_drafts WHERE kind = @kind AND key = @key", new { kind, key },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (deleted > 0)
        {
            DefinitionStoreLog.DraftDeleted(_logger, kind, key);
        }

        return deleted > 0;
    }

    public Task<DefinitionVersion> PublishAsync(
        string kind, string key, string publishedBy, CancellationToken cancellationToken) =>
        PublishAsync(kind, key, publishedBy, null, cancellationToken);

    public async Task<DefinitionVersion> PublishAsync(
        string kind, string key, string publishedBy, string? comment, CancellationToken cancellationToken)
    {
        DefinitionKinds.Check(kind);
        ArgumentException.ThrowIfNullOrEmpty(publishedBy);
        comment = DefinitionComments.Normalize(comment);
        await using var transaction = await _database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await LockDefinitionsAsync(transaction, [(kind, key)], cancellationToken).ConfigureAwait(false);
        var draft = await ReadDraftAsync(transaction.Connection, transaction.Transaction, kind, key, cancellationToken)
                .ConfigureAwait(false)
            ?? throw new KeyNotFoundException(
                $"There is no draft of {kind} \"{key}\" to publish. Save a draft first (or import a package).");

        var label = $"{kind}:{key} (draft revision {draft.Revision})";
        return await PublishContentAsync(
                transaction, kind, key, draft.Content, label, $"The draft of {kind} \"{key}\"", publishedBy, comment,
                cancellationToken)
            .ConfigureAwait(false);
    }

    public async Task<DefinitionVersion> RepublishFlowAsync(
        string flowKey, string publishedBy, string? comment, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(flowKey);
        ArgumentException.ThrowIfNullOrEmpty(publishedBy);
        comment = DefinitionComments.Normalize(comment);
        await using var transaction = await _database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await LockDefinitionsAsync(transaction, [(DefinitionKinds.Flow, flowKey)], cancellationToken)
            .ConfigureAwait(false);
        var latest = await ReadVersionAsync(transaction.Connection, transaction.Transaction, DefinitionKinds.Flow,
                flowKey, null, cancellationToken).ConfigureAwait(false)
            ?? throw new KeyNotFoundException(
                $"Flow \"{flowKey}\" has no published version to publish again. Publish its draft instead.");

        var label = string.Create(CultureInfo.InvariantCulture, $"flow:{flowKey} v{latest.Number}");
        return await PublishContentAsync(
                transaction, DefinitionKinds.Flow, flowKey, latest.Content, label,
                $"Version {latest.Number} of flow \"{flowKey}\"", publishedBy, comment, cancellationToken)
            .ConfigureAwait(false);
    }

    // Validates the content, then inserts it as the next version unless the latest version already publishes it.
    private async Task<DefinitionVersion> PublishContentAsync(
        IStorageTransaction transaction, string kind, string key, string source, string label, string subject,
        string publishedBy, string? comment, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection;
        var others = await LatestFormsAndFlowsAsync(connection, transaction.Transaction, kind, key, cancellationToken)
            .ConfigureAwait(false);
        var (document, own) = DefinitionDrafts.ValidateForPublish(label, source, others);
        if (document is null || own.Any(diagnostic => diagnostic.IsError))
        {
            DefinitionStoreLog.PublishRefused(_logger, kind, key, own.Count(diagnostic => diagnostic.IsError));
            throw new DefinitionValidationException(subject, own);
        }

        var content = DefinitionContent.Canonical(document);
        var latest = await ReadVersionAsync(connection, transaction.Transaction, kind, key, null, cancellationToken)
            .ConfigureAwait(false);
        if (await IsCurrentAsync(connection, transaction.Transaction, document, content, latest, cancellationToken)
                .ConfigureAwait(false))
        {
            return ToVersion(latest!);
        }

        var version = await InsertVersionAsync(
                connection, transaction.Transaction, document, content, publishedBy, packageKey: null, comment,
                cancellationToken)
            .ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        DefinitionStoreLog.Published(_logger, kind, key, version.Version);
        return version;
    }

    public async Task<DefinitionVersion?> GetVersionAsync(
        string kind, string key, int? version, CancellationToken cancellationToken)
    {
        DefinitionKinds.Check(kind);
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var row = await ReadVersionAsync(connection, null, kind, key, version, cancellationToken).ConfigureAwait(false);
        return row is null ? null : ToVersion(row);
    }

    public async Task<int?> GetBoundFormVersionAsync(string flowKey, int flowVersion, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(flowKey);
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<int?>(new CommandDefinition(
            FormBindings.BoundVersion, new { FlowKey = flowKey, FlowVersion = flowVersion },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>
    /// Whether <paramref name="latest"/> already publishes <paramref name="content"/>: same content and,
    /// for a flow with a form, bound to the form's latest version.
    /// </summary>
    private static async Task<bool> IsCurrentAsync(
        DbConnection connection, DbTransaction transaction, DefinitionDocument document, string content,
        DefinitionRows.Version? latest, CancellationToken cancellationToken)
    {
        if (latest is null || latest.ContentHash != DefinitionContent.Hash(content))
        {
            return false;
        }

        if (FormBindings.FormKeyOf(document) is not { } formKey)
        {
            return true;
        }

        var bound = await connection.ExecuteScalarAsync<int?>(new CommandDefinition(
            FormBindings.BoundVersion, new { FlowKey = document.Key, FlowVersion = latest.Number }, transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        var newest = await connection.ExecuteScalarAsync<int?>(new CommandDefinition(
            FormBindings.LatestFormVersion, new { FormKey = formKey }, transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return bound == newest;
    }

    private static async Task BindFormAsync(
        DbConnection connection, DbTransaction transaction, DefinitionDocument document, int flowVersion,
        CancellationToken cancellationToken)
    {
        if (FormBindings.FormKeyOf(document) is { } formKey)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                FormBindings.Bind, new { FlowKey = document.Key, FlowVersion = flowVersion, FormKey = formKey },
                transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<DefinitionVersionInfo>> GetHistoryAsync(
        string kind, string key, CancellationToken cancellationToken)
    {
        DefinitionKinds.Check(kind);
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await ReadHistoryAsync(connection, null, kind, key, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IReadOnlyList<DefinitionVersionInfo>> ReadHistoryAsync(
        DbConnection connection, DbTransaction? transaction, string kind, string key,
        CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<DefinitionRows.Version>(new CommandDefinition(
            $"SELECT {VersionColumns} FROM definition_versions WHERE kind = @kind AND key = @key ORDER BY version",
            new { kind, key }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(row => new DefinitionVersionInfo(
            row.Number, row.Name, row.PublishedBy, PgTime.Read(row.PublishedAt), row.ContentHash, row.PackageKey,
            row.Comment))];
    }

    public async Task<DefinitionDiff> DiffAsync(
        string kind, string key, int fromVersion, int toVersion, CancellationToken cancellationToken)
    {
        var from = await GetVersionAsync(kind, key, fromVersion, cancellationToken).ConfigureAwait(false)
            ?? throw NoVersion(kind, key, fromVersion);
        var to = await GetVersionAsync(kind, key, toVersion, cancellationToken).ConfigureAwait(false)
            ?? throw NoVersion(kind, key, toVersion);
        return new DefinitionDiff(kind, key, fromVersion, toVersion, DefinitionDiffer.Compare(from.Json, to.Json));
    }

    public async Task<IReadOnlyList<DefinitionSummary>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<DefinitionRows.Summary>(new CommandDefinition(
            "SELECT ids.kind AS Kind, ids.key AS Key, v.name AS Name, v.version AS LatestVersion, " +
            "v.published_at AS PublishedAt, d.revision AS DraftRevision " +
            "FROM (SELECT kind, key FROM definition_drafts UNION SELECT kind, key FROM definition_versions) ids " +
            "LEFT JOIN definition_versions v ON v.kind = ids.kind AND v.key = ids.key AND v.version = " +
            "(SELECT MAX(version) FROM definition_versions m WHERE m.kind = ids.kind AND m.key = ids.key) " +
            "LEFT JOIN definition_drafts d ON d.kind = ids.kind AND d.key = ids.key " +
            "ORDER BY ids.kind COLLATE \"C\", ids.key COLLATE \"C\"",
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(row => new DefinitionSummary(
            row.Kind, row.Key, row.Name ?? string.Empty, row.LatestVersion, PgTime.Read(row.PublishedAt),
            row.DraftRevision))];
    }

    private async Task<DefinitionVersion> InsertVersionAsync(
        DbConnection connection, DbTransaction transaction, DefinitionDocument document,
        string content, string publishedBy, string? packageKey, string? comment, CancellationToken cancellationToken)
    {
        var number = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COALESCE(MAX(version), 0) + 1 FROM definition_versions WHERE kind = @Kind AND key = @Key",
            new { document.Kind, document.Key }, transaction, cancellationToken: cancellationToken))
            .ConfigureAwait(false);
        var now = PgTime.Truncate(_timeProvider.GetUtcNow());
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO definition_versions (kind, key, version, name, content, content_hash, published_by, " +
            "published_at, package_key, comment) VALUES (@Kind, @Key, @Number, @Name, @Content, @Hash, @PublishedBy, " +
            "@At, @PackageKey, @Comment)",
            new
            {
                document.Kind,
                document.Key,
                Number = number,
                Name = DefinitionContent.DisplayName(document),
                Content = content,
                Hash = DefinitionContent.Hash(content),
                PublishedBy = publishedBy,
                At = PgTime.Write(now),
                PackageKey = packageKey,
                Comment = comment,
            },
            transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await BindFormAsync(connection, transaction, document, number, cancellationToken).ConfigureAwait(false);
        return new DefinitionVersion(document.Kind, document.Key, number, content, publishedBy, now);
    }

    /// <summary>
    /// Serialises publishers of the same definitions across nodes until the transaction ends. Keys
    /// are locked in a fixed order so that two imports of overlapping packages cannot deadlock.
    /// </summary>
    private static async Task LockDefinitionsAsync(
        IStorageTransaction transaction, IEnumerable<(string Kind, string Key)> definitions,
        CancellationToken cancellationToken)
    {
        foreach (var (kind, key) in definitions.Distinct().Order())
        {
            await transaction.Connection.ExecuteAsync(new CommandDefinition(
                "SELECT pg_advisory_xact_lock(hashtextextended('definition:' || @kind || ':' || @key, 0))",
                new { kind, key }, transaction.Transaction, cancellationToken: cancellationToken))
                .ConfigureAwait(false);
        }
    }

    private static async Task<IReadOnlyList<(string Label, string Content)>> LatestFormsAndFlowsAsync(
        DbConnection connection, DbTransaction transaction, string kind, string key,
        CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<DefinitionRows.Version>(new CommandDefinition(
            $"SELECT {VersionColumns} FROM definition_versions v WHERE kind IN ('form', 'flow') " +
            "AND NOT (kind = @kind AND key = @key) AND version = " +
            "(SELECT MAX(version) FROM definition_versions m WHERE m.kind = v.kind AND m.key = v.key)",
            new { kind, key }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(row => ($"{row.Kind}:{row.Key} v{row.Number}", row.Content))];
    }

    private static Task<DefinitionRows.Draft?> ReadDraftAsync(
        DbConnection connection, DbTransaction? transaction, string kind, string key,
        CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<DefinitionRows.Draft>(new CommandDefinition(
            "SELECT kind AS Kind, key AS Key, revision AS Revision, content AS Content, saved_by AS SavedBy, " +
            "saved_at AS SavedAt FROM definition_drafts WHERE kind = @kind AND key = @key",
            new { kind, key }, transaction, cancellationToken: cancellationToken));

    private static Task<DefinitionRows.Version?> ReadVersionAsync(
        DbConnection connection, DbTransaction? transaction, string kind, string key, int? version,
        CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<DefinitionRows.Version>(new CommandDefinition(
            $"SELECT {VersionColumns} FROM definition_versions WHERE kind = @kind AND key = @key AND " +
            (version is null
                ? "version = (SELECT MAX(version) FROM definition_versions WHERE kind = @kind AND key = @key)"
                : "version = @version"),
            new { kind, key, version }, transaction, cancellationToken: cancellationToken));

    private static KeyNotFoundException NoVersion(string kind, string key, int version) =>
        new(string.Create(CultureInfo.InvariantCulture,
            $"{kind} \"{key}\" has no published version {version}. See its history for the versions that exist."));

    private static DefinitionVersion ToVersion(DefinitionRows.Version row) =>
        new(row.Kind, row.Key, row.Number, row.Content, row.PublishedBy, PgTime.Read(row.PublishedAt));
}
