using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Definitions.Store;
using WorkflowKit.Runtime.Definitions;

namespace WorkflowKit.Designer.Services.Engine;

/// <summary>Published flow versions for the engine, read from the definitions store with their form.</summary>
public sealed class StoreFlowDefinitionSource(IDefinitionStore store) : IFlowDefinitionSource
{
    public async Task<PublishedFlow> GetAsync(string key, int? version, CancellationToken cancellationToken)
    {
        var published = await store.GetVersionAsync(DefinitionKinds.Flow, key, version, cancellationToken)
            ?? throw new KeyNotFoundException(version is null
                ? $"Flow '{key}' has no published version; publish it in the designer first."
                : $"Flow '{key}' has no published version {version}.");
        var flow = DefinitionJson.Deserialize<FlowDefinition>(published.Json);

        // NOTE: the form is the latest published version; forms are not pinned to flow versions yet.
        var form = flow.Form is null
            ? null
            : await store.GetVersionAsync(DefinitionKinds.Form, flow.Form, null, cancellationToken);
        return new PublishedFlow(
            key, published.Version, flow, form is null ? null : DefinitionJson.Deserialize<FormDefinition>(form.Json));
    }
}
