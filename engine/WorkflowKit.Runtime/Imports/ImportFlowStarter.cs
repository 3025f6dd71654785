using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Definitions.Store;
using WorkflowKit.Import;
using WorkflowKit.Runtime.Instances;
using WorkflowKit.Runtime.Participation;
using WorkflowKit.Storage;

namespace WorkflowKit.Runtime.Imports;

/// <summary>
/// Starts one instance of each flow with an <c>import</c> trigger on the imported form per written
/// row, inside the import's transaction, and links the row's record to the instance so that
/// participant permission rules admit it. The row's record data is the instance's form data and
/// the variable <c>recordId</c> is the record's id.
/// </summary>
public sealed class ImportFlowStarter : IImportRowStarter
{
    private readonly WorkflowEngine _engine;
    private readonly IParticipationStore _participation;

    public ImportFlowStarter(WorkflowEngine engine, IParticipationStore participation, IReadOnlyList<string> flowKeys)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(participation);
        ArgumentNullException.ThrowIfNull(flowKeys);
        _engine = engine;
        _participation = participation;
        FlowKeys = flowKeys;
    }

    /// <summary>Keys of the flows started per row.</summary>
    public IReadOnlyList<string> FlowKeys { get; }

    /// <summary>
    /// Builds the starter for the published flows whose latest version carries form
    /// <paramref name="formKey"/> and has an import trigger; null when there are none.
    /// </summary>
    public static async Task<ImportFlowStarter?> ForFormAsync(
        WorkflowEngine engine, IParticipationStore participation, IDefinitionStore definitions, string formKey,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        var keys = new List<string>();
        foreach (var summary in await definitions.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (summary.Kind != DefinitionKinds.Flow || summary.LatestVersion is null)
            {
                continue;
            }

            var published = await definitions.GetVersionAsync(DefinitionKinds.Flow, summary.Key, null, cancellationToken)
                .ConfigureAwait(false);
            var flow = DefinitionJson.Deserialize<FlowDefinition>(published!.Json);
            if (flow.Form == formKey && (flow.Triggers ?? []).Any(trigger => trigger.Type == TriggerTypes.Import))
            {
                keys.Add(flow.Key);
            }
        }

        return keys.Count == 0 ? null : new ImportFlowStarter(engine, participation, keys);
    }

    public async Task StartAsync(ImportedRow row, IStorageTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        foreach (var flowKey in FlowKeys)
        {
            var request = new StartInstanceRequest(flowKey, row.UserId)
            {
                TriggerKind = TriggerKinds.Import,
                Form = row.Record.Data,
                Variables = new System.Text.Json.Nodes.JsonObject { ["recordId"] = row.Record.Id },
                IdempotencyKey = $"import:{row.FormKey}:{row.Record.Id}:{flowKey}",
            };
            var instance = await _engine.StartAnyInTransactionAsync(request, transaction, cancellationToken)
                .ConfigureAwait(false);
            await _participation.LinkRecordAsync(transaction, instance.Id, row.FormKey, row.Record.Id, cancellationToken)
                .ConfigureAwait(false);
        }
    }
}
