using Dapper;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Definitions.Packages;
using WorkflowKit.Definitions.Store;
using WorkflowKit.Definitions.Validation;

namespace WorkflowKit.Storage.PostgreSql.Definitions;

/// <summary>Template packages: import in one transaction, read back with members and files.</summary>
public sealed partial class PostgresDefinitionStore
{
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
        var manifestPath = Path.Combine(folder, DefinitionValidator.ManifestFileName);
        if (!File.Exists(manifestPath))
        {
            throw new FileNotFoundException(
                $"Expected a template package folder with a {DefinitionValidator.ManifestFileName}, but " +
                $"\"{folder}\" has none. Pass the folder that holds the manifest.", manifestPath);
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
        await LockDefinitionsAsync(
                transaction, report.Documents.Select(document => (document.Kind, document.Key)), cancellationToken)
            .ConfigureAwait(false);
        var publishedForms = await transaction.Connection.QueryAsync<string>(new CommandDefinition(
            FormBindings.PublishedFormKeys, transaction: transaction.Transaction, cancellationToken: cancellationToken))
            .ConfigureAwait(false);
        var unpublished = FormPublication.CheckPackage(report, publishedForms);
        if (unpublished.Count > 0)
        {
            DefinitionStoreLog.ImportRefused(_logger, folder, unpublished.Count);
            throw new DefinitionValidationException($"Package folder \"{folder}\"", [.. report.Diagnostics, .. unpublished]);
        }

        var published = new List<DefinitionVersionInfoWithKey>();
        var unchanged = new List<DefinitionVersionInfoWithKey>();
        var kept = new List<PackageConflict>();
        var rejected = new List<PackageConflict>();
        foreach (var document in FormBindings.FormsFirst(report.Documents))
        {
            var content = DefinitionContent.Canonical(document);
            var latest = await ReadVersionAsync(
                    transaction.Connection, transaction.Transaction, document.Kind, document.Key, null,
                    cancellationToken)
                .ConfigureAwait(false);
            if (latest is not null && await IsCurrentAsync(
                    transaction.Connection, transaction.Transaction, document, content, latest, cancellationToken)
                .ConfigureAwait(false))
            {
                unchanged.Add(new DefinitionVersionInfoWithKey(document.Kind, document.Key, latest.Number));
                continue;
            }

            // Only a content change counts: a flow whose content is the package's is republished to rebind its form.
            if (latest is not null && latest.PackageKey != manifest.Key
                && latest.ContentHash != DefinitionContent.Hash(content)
                && !options.Replaces(document.Kind, document.Key))
            {
                var history = await ReadHistoryAsync(
                        transaction.Connection, transaction.Transaction, document.Kind, document.Key,
                        cancellationToken)
                    .ConfigureAwait(false);
                var conflict = PackageConflict.Find(document.Kind, document.Key, manifest.Key, history)!;
                (options.KeepNewer ? kept : rejected).Add(conflict);
                continue;
            }

            var version = await InsertVersionAsync(
                    transaction.Connection, transaction.Transaction, document, content, importedBy, manifest.Key,
                    comment: null, cancellationToken)
                .ConfigureAwait(false);
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
            "ORDER BY path COLLATE \"C\"", new { key }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var files = await connection.QueryAsync<DefinitionRows.PackageFile>(new CommandDefinition(
            "SELECT path AS Path, content AS Content FROM definition_package_files WHERE package_key = @key",
            new { key }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new StoredPackage(
            package.Key, package.Version, package.Manifest,
            [.. members.Select(member => new StoredPackageMember(member.Kind, member.Key, member.Path))],
            files.ToDictionary(file => file.Path, file => file.Content, StringComparer.Ordinal),
            package.ImportedBy, PgTime.Read(package.ImportedAt));
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
                manifest = DefinitionJson.Serialize(manifest),
                importedBy,
                now = PgTime.Write(_timeProvider.GetUtcNow()),
            },
            transaction.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);

        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO definition_package_members (package_key, kind, key, path) " +
            "VALUES (@Package, @Kind, @Key, @Path)",
            report.Documents.Select(document => new
            {
                Package = key,
                document.Kind,
                document.Key,
                Path = Path.GetRelativePath(folder, document.File).Replace('\\', '/'),
            }).ToList(),
            transaction.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO definition_package_files (package_key, path, content) VALUES (@Package, @Path, @Content)",
            files.Select(file => new { Package = key, Path = file.Key, Content = file.Value }).ToList(),
            transaction.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }
}
