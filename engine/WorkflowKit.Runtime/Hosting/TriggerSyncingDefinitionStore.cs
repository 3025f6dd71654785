using WorkflowKit.Definitions.Diff;
using WorkflowKit.Definitions.Store;

namespace WorkflowKit.Runtime.Hosting;

/// <summary>
/// A definitions store that syncs the engine's record triggers and schedules after each publish and package
/// import, so a flow published on this node starts from the next matching record write.
/// </summary>
/// <remarks>
/// The engine is resolved on first publish because the engine's definition source reads this store.
/// Other nodes pick the version up on their next trigger refresh (<see cref="EngineOptions.TriggerRefreshInterval"/>).
/// </remarks>
internal sealed class TriggerSyncingDefinitionStore(IDefinitionStore inner, Func<WorkflowEngine> engine) : IDefinitionStore
{
    public Task<DefinitionDraft> SaveDraftAsync(
        string kind, string key, string json, long? baseRevision, string savedBy, CancellationToken cancellationToken) =>
        inner.SaveDraftAsync(kind, key, json, baseRevision, savedBy, cancellationToken);

    public Task<DefinitionDraft?> GetDraftAsync(string kind, string key, CancellationToken cancellationToken) =>
        inner.GetDraftAsync(kind, key, cancellationToken);

    public Task<bool> DeleteDraftAsync(string kind, string key, CancellationToken cancellationToken) =>
        inner.DeleteDraftAsync(kind, key, cancellationToken);

    public Task<DefinitionVersion> PublishAsync(
        string kind, string key, string publishedBy, CancellationToken cancellationToken) =>
        PublishAsync(kind, key, publishedBy, null, cancellationToken);

    public async Task<DefinitionVersion> PublishAsync(
        string kind, string key, string publishedBy, string? comment, CancellationToken cancellationToken)
    {
        var version = await inner.PublishAsync(kind, key, publishedBy, comment, cancellationToken)
            .ConfigureAwait(false);
        if (kind == DefinitionKinds.Flow)
        {
            await engine().SyncPublishedTriggersAsync(cancellationToken).ConfigureAwait(false);
        }

        return version;
    }

    public async Task<DefinitionVersion> RepublishFlowAsync(
        string flowKey, string publishedBy, string? comment, CancellationToken cancellationToken)
    {
        var version = await inner.RepublishFlowAsync(flowKey, publishedBy, comment, cancellationToken)
            .ConfigureAwait(false);
        await engine().SyncPublishedTriggersAsync(cancellationToken).ConfigureAwait(false);
        return version;
    }

    public Task<DefinitionVersion?> GetVersionAsync(string kind, string key, int? version, CancellationToken cancellationToken) =>
        inner.GetVersionAsync(kind, key, version, cancellationToken);

    public Task<int?> GetBoundFormVersionAsync(string flowKey, int flowVersion, CancellationToken cancellationToken) =>
        inner.GetBoundFormVersionAsync(flowKey, flowVersion, cancellationToken);

    public Task<IReadOnlyList<DefinitionVersionInfo>> GetHistoryAsync(
        string kind, string key, CancellationToken cancellationToken) =>
        inner.GetHistoryAsync(kind, key, cancellationToken);

    public Task<DefinitionDiff> DiffAsync(
        string kind, string key, int fromVersion, int toVersion, CancellationToken cancellationToken) =>
        inner.DiffAsync(kind, key, fromVersion, toVersion, cancellationToken);

    public Task<IReadOnlyList<DefinitionSummary>> ListAsync(CancellationToken cancellationToken) =>
        inner.ListAsync(cancellationToken);

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
        var result = await inner.ImportPackageAsync(folder, importedBy, options, beforeCommit, cancellationToken)
            .ConfigureAwait(false);
        await engine().SyncPublishedTriggersAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }

    public Task<StoredPackage?> GetPackageAsync(string key, CancellationToken cancellationToken) =>
        inner.GetPackageAsync(key, cancellationToken);
}
