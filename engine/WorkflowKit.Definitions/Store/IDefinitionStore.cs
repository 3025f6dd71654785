using WorkflowKit.Definitions.Diff;

namespace WorkflowKit.Definitions.Store;

/// <summary>
/// Drafts and published versions of form, flow and view definitions, and imported template
/// packages. A draft is edited under optimistic concurrency; publishing validates it and
/// freezes its content as the next version number of its kind and key. Published versions
/// are never changed or deleted.
/// </summary>
public interface IDefinitionStore
{
    /// <summary>
    /// Saves a draft. <paramref name="baseRevision"/> is the revision the caller loaded (null for a
    /// new draft); when someone saved since, throws <see cref="Storage.ConcurrencyConflictException"/>.
    /// Drafts may be invalid; the JSON must be an object of the given kind and key.
    /// </summary>
    Task<DefinitionDraft> SaveDraftAsync(
        string kind, string key, string json, long? baseRevision, string savedBy, CancellationToken cancellationToken);

    Task<DefinitionDraft?> GetDraftAsync(string kind, string key, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the draft of a definition, whatever its key, and returns false when there was none. Published
    /// versions stay, so a published definition is edited from its latest version again.
    /// </summary>
    Task<bool> DeleteDraftAsync(string kind, string key, CancellationToken cancellationToken);

    /// <summary>
    /// Validates the draft (with the latest forms it refers to) and publishes it as the next
    /// version; a flow version is bound to the latest version of its form. A draft equal to the
    /// latest version (for a flow, also still bound to its form's latest version) returns that
    /// version. Errors throw <see cref="DefinitionValidationException"/> and publish nothing.
    /// </summary>
    Task<DefinitionVersion> PublishAsync(string kind, string key, string publishedBy,
        CancellationToken cancellationToken);

    /// <summary>
    /// Publishes the draft as <see cref="PublishAsync(string, string, string, CancellationToken)"/> does and
    /// stores <paramref name="comment"/> with the new version. The comment is trimmed, null or blank means none, and
    /// a longer one than <see cref="DefinitionComments.MaxLength"/> characters throws <see cref="ArgumentException"/>.
    /// A draft equal to the latest version publishes nothing, so its comment is dropped.
    /// </summary>
    Task<DefinitionVersion> PublishAsync(string kind, string key, string publishedBy, string? comment,
        CancellationToken cancellationToken);

    /// <summary>
    /// Publishes the latest version of flow <paramref name="flowKey"/> again, unchanged and through the same
    /// validation as a draft, as a new version bound to the latest version of its form. The draft is not read, so
    /// unpublished edits stay unpublished. Returns the latest version when it is already bound to the form's
    /// latest version. Throws <see cref="KeyNotFoundException"/> when the flow has no published version.
    /// </summary>
    Task<DefinitionVersion> RepublishFlowAsync(string flowKey, string publishedBy, string? comment,
        CancellationToken cancellationToken);

    /// <summary>Gets a published version; the latest when <paramref name="version"/> is null. Null when none.</summary>
    Task<DefinitionVersion?> GetVersionAsync(string kind, string key, int? version,
        CancellationToken cancellationToken);

    /// <summary>
    /// The version of its form that a flow version was published with (see <see cref="FormBindings"/>);
    /// null when the flow has no form or none of its versions was published at the time.
    /// </summary>
    Task<int?> GetBoundFormVersionAsync(string flowKey, int flowVersion, CancellationToken cancellationToken);

    /// <summary>Published versions of one definition, oldest first, with who published them and when.</summary>
    Task<IReadOnlyList<DefinitionVersionInfo>> GetHistoryAsync(string kind, string key,
        CancellationToken cancellationToken);

    /// <summary>Structural differences from one published version to another.</summary>
    Task<DefinitionDiff> DiffAsync(
        string kind, string key, int fromVersion, int toVersion, CancellationToken cancellationToken);

    /// <summary>Every definition with a draft or a published version.</summary>
    Task<IReadOnlyList<DefinitionSummary>> ListAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Validates a template package folder and, when it has no errors, publishes each of its
    /// documents whose content changed, and records the package, in one transaction. An invalid
    /// package or a failure part-way writes nothing. A document whose latest version the package did
    /// not publish, such as one changed in the designer, throws <see cref="PackageConflictException"/>.
    /// </summary>
    Task<PackageImportResult> ImportPackageAsync(string folder, string importedBy, CancellationToken cancellationToken);

    /// <summary>
    /// Imports a package as <see cref="ImportPackageAsync(string, string, CancellationToken)"/> does and runs
    /// <paramref name="beforeCommit"/> in the same transaction, also when no document changed. When it throws,
    /// nothing of the package is written.
    /// </summary>
    Task<PackageImportResult> ImportPackageAsync(
        string folder, string importedBy, PackageImportStep? beforeCommit, CancellationToken cancellationToken);

    /// <summary>
    /// Imports a package as <see cref="ImportPackageAsync(string, string, PackageImportStep?, CancellationToken)"/>
    /// does, with <paramref name="options"/> deciding about each definition whose latest version the package did not
    /// publish (see <see cref="PackageConflict"/>). The other overloads use <see cref="PackageImportOptions.Default"/>.
    /// </summary>
    /// <exception cref="PackageConflictException">
    /// Some conflicts are neither replaced nor kept by <paramref name="options"/>; nothing was written.
    /// </exception>
    Task<PackageImportResult> ImportPackageAsync(
        string folder, string importedBy, PackageImportOptions options, PackageImportStep? beforeCommit,
        CancellationToken cancellationToken);

    /// <summary>An imported package with its manifest, members and files; null when never imported.</summary>
    Task<StoredPackage?> GetPackageAsync(string key, CancellationToken cancellationToken);
}
