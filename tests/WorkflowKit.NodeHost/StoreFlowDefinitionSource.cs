using System.Collections.Concurrent;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Definitions.Store;
using WorkflowKit.Runtime.Definitions;

namespace WorkflowKit.NodeHost;

/// <summary>
/// Published flows read from the definitions store that every node shares. Published versions
/// never change, so each version is cached once read.
/// </summary>
internal sealed class StoreFlowDefinitionSource(IDefinitionStore store) : IFlowDefinitionSource
{
    private readonly ConcurrentDictionary<(string Key, int Version), PublishedFlow> _cache = new();

    public async Task<PublishedFlow> GetAsync(string key, int? version, CancellationToken cancellationToken)
    {
        if (version is { } wanted && _cache.TryGetValue((key, wanted), out var cached))
        {
            return cached;
        }

        var flow = await store.GetVersionAsync(DefinitionKinds.Flow, key, version, cancellationToken)
                .ConfigureAwait(false)
            ?? throw new KeyNotFoundException(
                $"Flow '{key}' has no published version {version?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "yet"}; publish it first.");
        var definition = DefinitionJson.Deserialize<FlowDefinition>(flow.Json);
        FormDefinition? form = null;
        if (definition.Form is { } formKey
            && await store.GetVersionAsync(DefinitionKinds.Form, formKey, null, cancellationToken).ConfigureAwait(false)
                is { } published)
        {
            form = DefinitionJson.Deserialize<FormDefinition>(published.Json);
        }

        return _cache.GetOrAdd((key, flow.Version), new PublishedFlow(key, flow.Version, definition, form));
    }
}
