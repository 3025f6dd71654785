using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Definitions.Store;

namespace WorkflowKit.Runtime.Definitions;

/// <summary>
/// Published flows read from the definitions store. The flow's form is the form version the
/// flow version was published with, so a later form change does not reach its instances.
/// </summary>
public sealed class StoreFlowDefinitionSource(IDefinitionStore store) : IFlowDefinitionSource, IPublishedFlowCatalog
{
    public async Task<PublishedFlow> GetAsync(string key, int? version, CancellationToken cancellationToken)
    {
        var published = await store.GetVersionAsync(DefinitionKinds.Flow, key, version, cancellationToken)
            .ConfigureAwait(false)
            ?? throw await MissingVersionAsync(key, version, cancellationToken).ConfigureAwait(false);
        var flow = DefinitionJson.Deserialize<FlowDefinition>(published.Json);
        FormDefinition? form = null;
        if (string.IsNullOrWhiteSpace(flow.Form))
        {
            return new PublishedFlow(published.Key, published.Version, flow, form);
        }

        // NOTE: a flow version published while its form had no published version is unbound and
        // takes the form's latest version when the engine first loads it.
        var bound = await store.GetBoundFormVersionAsync(published.Key, published.Version, cancellationToken)
            .ConfigureAwait(false);
        if (await store.GetVersionAsync(DefinitionKinds.Form, flow.Form, bound, cancellationToken).ConfigureAwait(false)
                is { } formVersion)
        {
            form = DefinitionJson.Deserialize<FormDefinition>(formVersion.Json);
        }

        return new PublishedFlow(published.Key, published.Version, flow, form);
    }

    /// <summary>
    /// Builds the error for a flow version that is not published. Versions are numbered from 1 without gaps, so the
    /// message names every version that exists by naming the latest.
    /// </summary>
    private async Task<KeyNotFoundException> MissingVersionAsync(
        string key, int? version, CancellationToken cancellationToken)
    {
        var latest = version is null
            ? null
            : await store.GetVersionAsync(DefinitionKinds.Flow, key, null, cancellationToken).ConfigureAwait(false);
        return new KeyNotFoundException(latest is null
            ? $"Flow '{key}' is not published; publish it before starting instances."
            : $"Flow '{key}' has no published version {version}; its published versions are 1 to {latest.Version}.");
    }

    public async Task<IReadOnlyDictionary<string, int>> ListLatestVersionsAsync(CancellationToken cancellationToken)
    {
        var summaries = await store.ListAsync(cancellationToken).ConfigureAwait(false);
        return summaries
            .Where(summary => summary.Kind == DefinitionKinds.Flow && summary.LatestVersion is not null)
            .ToDictionary(summary => summary.Key, summary => summary.LatestVersion!.Value, StringComparer.Ordinal);
    }
}
