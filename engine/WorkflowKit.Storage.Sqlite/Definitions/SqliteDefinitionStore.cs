using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using WorkflowKit.Definitions.Diff;
using WorkflowKit.Definitions.Documents;
using WorkflowKit.Definitions.Packages;
using WorkflowKit.Definitions.Store;
using WorkflowKit.Definitions.Validation;

namespace WorkflowKit.Storage.Sqlite.Definitions;

/// <summary>
/// <see cref="IDefinitionStore"/> on the shared database through Dapper. The SQL is portable
/// (no provider-specific functions; upserts through ON CONFLICT), so the PostgreSQL store can
/// reuse it. Published versions have no UPDATE path here and a trigger refuses one anyway.
/// </summary>
public sealed class SqliteDefinitionStore : IDefinitionStore
{
    private const string VersionColumns =
        "kind AS Kind, key AS Key, version AS Number, name AS Name, content AS Content, content_hash AS ContentHash, " +
        "published_by AS PublishedBy, published_at AS PublishedAt, package_key AS PackageKey, comment AS Comment";

    private readonly IDatabase _database;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    public SqliteDefinitionStore(IDatabase database, TimeProvider timeProvider,
        ILogger<SqliteDefinitionStore>? logger = null)
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
        CheckDraftJson(kind, key, json);
        var now = Timestamp(_timeProvider.GetUtcNow());

        await using var transaction = await _database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var connection = transaction.Connection;
        var revision = (baseRevision ?? 0) + 1;
        var written = baseRevision is null or 0
            ? await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO definition_drafts (kind, key, revision, content, saved_by, saved_at) " +
                "VALUES (@kind, @key, 1, @json, @savedBy, @now) ON CONFLICT (kind, key) DO NOTHING",
                new { kind, key, json, savedBy, now }, transaction.Transaction, cancellationToken: cancellationToken))
                .ConfigureAwait(false)
            : await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE definition_drafts SET revision = @revision, content = @json, saved_by = @savedBy, saved_at " +
                "= @now " +
                "WHERE kind = @kind AND key = @key AND revision = @baseRevision",
                new { kind, key, json, savedBy, now, revision, baseRevision }, transaction.Transaction,
                cancellationToken: cancellationToken)).ConfigureAwait(false);

        if (written == 0)
        {
            var current = await ReadDraftAsync(connection, transaction.Transaction, kind, key, cancellationToken)
                .ConfigureAwait(false);
            throw Conflict(kind, key, baseRevision, current);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        DefinitionStoreLog.DraftSaved(_logger, kind, key, revision);
        return new DefinitionDraft(kind, key, revision, json, savedBy, ParseTimestamp(now));
    }

    public async Task<DefinitionDraft?> GetDraftAsync(string kind, string key, CancellationToken cancellationToken)
    {
        DefinitionKinds.Check(kind);
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var row = await ReadDraftAsync(connection, null, kind, key, cancellationToken).ConfigureAwait(false);
        return row is null ? null : ToDraft(row);
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
        var draft = await ReadDraftAsync(transaction.Connection, transaction.Transaction, kind, key,
            cancellationToken).ConfigureAwait(false)
            ?? throw new KeyNotFoundException(
                $"There is no draft of {kind} \"{key}\" to publish. Save a draft first (or import a package).");

        var label = $"{kind}:{key} (draft revision {draft.Revision})";
        return await PublishContentAsync(
            transaction, draft, label, $"The draft of {kind} \"{key}\"", publishedBy, comment, cancellationToken)
            .ConfigureAwait(false);
    }

    public async Task<DefinitionVersion> RepublishFlowAsync(
        string flowKey, string publishedBy, string? comment, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(flowKey);
        ArgumentException.ThrowIfNullOrEmpty(publishedBy);
        comment = DefinitionComments.Normalize(comment);
        await using var transaction = await _database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var latest = await ReadVersionAsync(transaction.Connection, transaction.Transaction, DefinitionKinds.Flow,
            flowKey, null, cancellationToken).ConfigureAwait(false)
            ?? throw new KeyNotFoundException(
                $"Flow \"{flowKey}\" has no published version to publish again. Publish its draft instead.");

        var source = new DefinitionRows.Draft { Kind = latest.Kind, Key = latest.Key, Content = latest.Content };
        var label = string.Create(CultureInfo.InvariantCulture, $"flow:{flowKey} v{latest.Number}");
        return await PublishContentAsync(
            transaction, source, label, $"Version {latest.Number} of flow \"{flowKey}\"", publishedBy, comment,
            cancellationToken).ConfigureAwait(false);
    }

    // Validates the source, then inserts it as the next version unless the latest version already publishes it.
    private async Task<DefinitionVersion> PublishContentAsync(
        IStorageTransaction transaction, DefinitionRows.Draft source, string label, string subject,
        string publishedBy, string? comment, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection;
        var document = await ValidateForPublishAsync(connection, transaction.Transaction, source, label, subject,
            cancellationToken)
            .ConfigureAwait(false);
        var content = DefinitionContent.Canonical(document);
        var latest = await ReadVersionAsync(connection, transaction.Transaction, source.Kind, source.Key, null,
            cancellationToken).ConfigureAwait(false);
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
        DefinitionStoreLog.Published(_logger, source.Kind, source.Key, version.Version);
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
            checked((int)row.Number), row.Name, row.PublishedBy, ParseTimestamp(row.PublishedAt), row.ContentHash,
            row.PackageKey, row.Comment))];
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
            "ORDER BY ids.kind, ids.key",
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(row => new DefinitionSummary(
            row.Kind, row.Key, row.Name ?? string.Empty, row.LatestVersion is { } latest ? checked((int)latest) : null,
            row.PublishedAt is null ? null : ParseTimestamp(row.PublishedAt), row.DraftRevision))];
    }

    public Task<PackageImportResult> ImportPackageAsync(
        string folder, string importedBy, CancellationToken cancellationToken) =>
        ImportPackageAsync(folder, importedBy, null, cancellationToken);

    public Task<PackageImportResult> ImportPackageAsync(
        string folder, string importedBy, PackageImportStep? beforeCommit, CancellationToken cancellationToken) =>
        ImportPackageAsync(folder, importedBy, PackageImportOptions.Default, beforeCommit, cancellationToken);

    public async Task<PackageImportResult> ImportPackageAsync(
        string folder, string importedBy, PackageImportOptions options, PackageImportStep? beforeCommit,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(importedBy);
        if (!File.Exists(Path.Combine(folder, DefinitionValidator.ManifestFileName)))
        {
            throw new FileNotFoundException(
                $"Expected a template package folder with a {DefinitionValidator.ManifestFileName}, but " +
                $"\"{folder}\" has none. Pass the folder that holds the manifest.",
                Path.Combine(folder, DefinitionValidator.ManifestFileName));
        }

        var report = await DefinitionValidator.ValidatePackageAsync(folder, cancellationToken).ConfigureAwait(false);
        if (report.HasErrors || report.Package is null)
        {
            DefinitionStoreLog.ImportRefused(_logger, folder, report.Errors.Count());
            throw new DefinitionValidationException($"Package folder \"{folder}\"", report.Diagnostics);
        }

        var manifest = report.Package;
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var sample in manifest.SampleData ?? [])
        {
            files[sample.File] = await File.ReadAllBytesAsync(Path.Combine(folder, sample.File), cancellationToken)
                .ConfigureAwait(false);
        }

        await using var transaction = await _database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var publishedForms = await transaction.Connection.QueryAsync<string>(new CommandDefinition(
            FormBindings.PublishedFormKeys, transaction: transaction.Transaction, cancellationToken: cancellationToken))
            .ConfigureAwait(false);
        RequirePublishedForms(folder, report, publishedForms);
        var published = new List<DefinitionVersionInfoWithKey>();
        var unchanged = new List<DefinitionVersionInfoWithKey>();
        var kept = new List<PackageConflict>();
        var rejected = new List<PackageConflict>();
        foreach (var document in FormBindings.FormsFirst(report.Documents))
        {
            var content = DefinitionContent.Canonical(document);
            var latest = await ReadVersionAsync(
                transaction.Connection, transaction.Transaction, document.Kind, document.Key, null, cancellationToken)
                .ConfigureAwait(false);
            if (latest is not null && await IsCurrentAsync(
                    transaction.Connection, transaction.Transaction, document, content, latest, cancellationToken)
                .ConfigureAwait(false))
            {
                unchanged.Add(new DefinitionVersionInfoWithKey(document.Kind, document.Key,
                    checked((int)latest.Number)));
                continue;
            }

            // Only a content change counts: a flow whose content is the package's is republished to rebind its form.
            if (latest is not null && latest.PackageKey != manifest.Key
                && latest.ContentHash != DefinitionContent.Hash(content)
                && !options.Replaces(document.Kind, document.Key))
            {
                var history = await ReadHistoryAsync(
                    transaction.Connection, transaction.Transaction, document.Kind, document.Key, cancellationToken)
                    .ConfigureAwait(false);
                var conflict = PackageConflict.Find(document.Kind, document.Key, manifest.Key, history)!;
                (options.KeepNewer ? kept : rejected).Add(conflict);
                continue;
            }

            var version = await InsertVersionAsync(
                transaction.Connection, transaction.Transaction, document, content, importedBy, manifest.Key,
                comment: null, cancellationToken).ConfigureAwait(false);
            published.Add(new DefinitionVersionInfoWithKey(document.Kind, document.Key, version.Version));
        }

        if (rejected.Count > 0)
        {
            DefinitionStoreLog.ImportConflicts(_logger, manifest.Key, rejected.Count);
            throw new PackageConflictException(manifest.Key, rejected);
        }

        await WritePackageAsync(transaction, folder, manifest, report, files, importedBy, cancellationToken)
            .ConfigureAwait(false);
        if (beforeCommit is not null)
        {
            await beforeCommit(transaction, manifest, cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        DefinitionStoreLog.PackageImported(_logger, manifest.Key, published.Count, unchanged.Count);
        return new PackageImportResult(manifest.Key, published, unchanged) { Kept = kept };
    }

    public async Task<StoredPackage?> GetPackageAsync(string key, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var package = await connection.QuerySingleOrDefaultAsync<DefinitionRows.Package>(new CommandDefinition(
            "SELECT key AS Key, version AS Version, manifest AS Manifest, imported_by AS ImportedBy, " +
            "imported_at AS ImportedAt FROM definition_packages WHERE key = @key",
            new { key }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (package is null)
        {
            return null;
        }

        var members = await connection.QueryAsync<DefinitionRows.Member>(new CommandDefinition(
            "SELECT kind AS Kind, key AS Key, path AS Path FROM definition_package_members WHERE package_key = @key " +
            "ORDER BY path", new { key }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var files = await connection.QueryAsync<DefinitionRows.PackageFile>(new CommandDefinition(
            "SELECT path AS Path, content AS Content FROM definition_package_files WHERE package_key = @key",
            new { key }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new StoredPackage(
            package.Key, package.Version, package.Manifest,
            [.. members.Select(member => new StoredPackageMember(member.Kind, member.Key, member.Path))],
            files.ToDictionary(file => file.Path, file => file.Content, StringComparer.Ordinal),
            package.ImportedBy, ParseTimestamp(package.ImportedAt));
    }

    private void RequirePublishedForms(string folder, ValidationReport report, IEnumerable<string> publishedForms)
    {
        var unpublished = FormPublication.CheckPackage(report, publishedForms);
        if (unpublished.Count > 0)
        {
            DefinitionStoreLog.ImportRefused(_logger, folder, unpublished.Count);
            throw new DefinitionValidationException($"Package folder \"{folder}\"", [.. report.Diagnostics, .. unpublished]);
        }
    }

    private static void CheckDraftJson(string kind, string key, string json)
    {
        using var source = JsonSourceReader.Read($"{kind}:{key} (draft)", Encoding.UTF8.GetBytes(json));
        if (source.Document is null)
        {
            throw new ArgumentException(
                $"The draft of {kind} \"{key}\" is not valid JSON: {source.Diagnostics[0].Message}", nameof(json));
        }

        var root = source.Document.RootElement;
        var actualKind = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("kind",
            out var k) ? k.ToString() : null;
        var actualKey = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("key",
            out var id) ? id.ToString() : null;
        if (actualKind != kind || actualKey != key)
        {
            throw new ArgumentException(
                $"Expected a draft with \"kind\": \"{kind}\" and \"key\": \"{key}\", got kind \"{actualKind}\" and " +
                $"key \"{actualKey}\". Save it under its own kind and key.", nameof(json));
        }
    }

    private async Task<DefinitionDocument> ValidateForPublishAsync(
        DbConnection connection, DbTransaction transaction, DefinitionRows.Draft draft, string label,
        string subject, CancellationToken cancellationToken)
    {
        // The draft is validated with the latest published forms and flows so that its
        // references are checked; only the draft's own diagnostics count.
        var others = await connection.QueryAsync<DefinitionRows.Version>(new CommandDefinition(
            $"SELECT {VersionColumns} FROM definition_versions v WHERE kind IN ('form', 'flow') " +
            "AND NOT (kind = @Kind AND key = @Key) AND version = " +
            "(SELECT MAX(version) FROM definition_versions m WHERE m.kind = v.kind AND m.key = v.key)",
            new { draft.Kind, draft.Key }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var sources = new List<JsonSource> { JsonSourceReader.Read(label, Encoding.UTF8.GetBytes(draft.Content)) };
        sources.AddRange(others.Select(other => JsonSourceReader.Read(
            $"{other.Kind}:{other.Key} v{other.Number}", Encoding.UTF8.GetBytes(other.Content))));

        var report = DefinitionValidator.Validate(sources);
        var own = report.Diagnostics.Where(diagnostic => diagnostic.File == label).ToList();
        var document = report.Documents.FirstOrDefault(candidate => candidate.File == label);
        if (document is not null)
        {
            own.AddRange(FormPublication.Check(document, others
                .Where(other => other.Kind == DefinitionKinds.Form)
                .Select(other => other.Key)
                .ToHashSet(StringComparer.Ordinal)));
        }

        if (document is null || own.Any(diagnostic => diagnostic.IsError))
        {
            DefinitionStoreLog.PublishRefused(_logger, draft.Kind, draft.Key, own.Count(diagnostic
                => diagnostic.IsError));
            throw new DefinitionValidationException(subject, own);
        }

        return document;
    }

    private async Task<DefinitionVersion> InsertVersionAsync(
        DbConnection connection, DbTransaction transaction, DefinitionDocument document, string content,
        string publishedBy, string? packageKey, string? comment, CancellationToken cancellationToken)
    {
        var number = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COALESCE(MAX(version), 0) + 1 FROM definition_versions WHERE kind = @Kind AND key = @Key",
            new { document.Kind, document.Key }, transaction, cancellationToken: cancellationToken))
                .ConfigureAwait(false);
        var now = _timeProvider.GetUtcNow();
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
                At = Timestamp(now),
                PackageKey = packageKey,
                Comment = comment,
            },
            transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await BindFormAsync(connection, transaction, document, checked((int)number), cancellationToken)
            .ConfigureAwait(false);
        return new DefinitionVersion(document.Kind, document.Key, checked((int)number), content, publishedBy, now);
    }

    private async Task WritePackageAsync(
        IStorageTransaction transaction, string folder, PackageManifest manifest, ValidationReport report,
        Dictionary<string, byte[]> files, string importedBy, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection;
        var key = manifest.Key;
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM definition_package_members WHERE package_key = @key; " +
            "DELETE FROM definition_package_files WHERE package_key = @key; " +
            "INSERT INTO definition_packages (key, version, manifest, imported_by, imported_at) " +
            "VALUES (@key, @version, @manifest, @importedBy, @now) ON CONFLICT (key) DO UPDATE SET " +
            "version = excluded.version, manifest = excluded.manifest, imported_by = excluded.imported_by, " +
            "imported_at = excluded.imported_at",
            new
            {
                key,
                version = manifest.Version,
                manifest = WorkflowKit.Definitions.Json.DefinitionJson.Serialize(manifest),
                importedBy,
                now = Timestamp(_timeProvider.GetUtcNow()),
            },
            transaction.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);

        foreach (var document in report.Documents)
        {
            var path = Path.GetRelativePath(folder, document.File).Replace('\\', '/');
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO definition_package_members (package_key, kind, key, path) VALUES (@key, @Kind, @Key2, " +
                "@path)",
                new { key, document.Kind, Key2 = document.Key, path }, transaction.Transaction,
                cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        foreach (var (path, content) in files)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO definition_package_files (package_key, path, content) VALUES (@key, @path, @content)",
                new { key, path, content }, transaction.Transaction, cancellationToken: cancellationToken))
                .ConfigureAwait(false);
        }
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

    private static ConcurrencyConflictException Conflict(
        string kind, string key, long? baseRevision, DefinitionRows.Draft? current)
    {
        var based = baseRevision is null or 0 ? "no draft (a new definition)" : $"revision {baseRevision}";
        var actual = current is null
            ? "the draft no longer exists"
            : $"it is now at revision {current.Revision}, saved by {current.SavedBy} at {current.SavedAt}";
        return new ConcurrencyConflictException(
            $"The draft of {kind} \"{key}\" changed since you loaded it: your save was based on {based}, but " +
            $"{actual}. " +
            "Reload the draft, reapply your change and save again.")
        {
            Subject = $"{kind} {key} draft",
            ExpectedVersion = baseRevision ?? 0,
            ActualVersion = current?.Revision,
            ChangedBy = current?.SavedBy,
        };
    }

    private static KeyNotFoundException NoVersion(string kind, string key, int version) =>
        new($"{kind} \"{key}\" has no published version {version}. See its history for the versions that exist.");

    private static DefinitionDraft ToDraft(DefinitionRows.Draft row) =>
        new(row.Kind, row.Key, row.Revision, row.Content, row.SavedBy, ParseTimestamp(row.SavedAt));

    private static DefinitionVersion ToVersion(DefinitionRows.Version row) =>
        new(row.Kind, row.Key, checked((int)row.Number), row.Content, row.PublishedBy, ParseTimestamp(row.PublishedAt));

    private static string Timestamp(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTimestamp(string value) =>
        DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
