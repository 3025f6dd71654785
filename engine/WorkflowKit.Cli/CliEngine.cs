using WorkflowKit.Definitions.Forms;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Definitions.Store;
using WorkflowKit.Expressions;
using WorkflowKit.Permissions;
using WorkflowKit.Runtime;
using WorkflowKit.Runtime.Definitions;
using WorkflowKit.Runtime.Expressions;
using WorkflowKit.Storage;

namespace WorkflowKit.Cli;

/// <summary>The engine that CLI commands run on: one per command, over the opened stores.</summary>
public static class CliEngine
{
    /// <summary>
    /// Builds an engine on <paramref name="stores"/> and registers the record triggers and schedules of every
    /// published flow, so that record writes through <see cref="WorkflowEngine.Records"/> queue the flows they
    /// trigger. The engine applies the stored delegations to the tasks that commands create. A CLI command does not run the background round: a running designer or host delivers those
    /// messages and starts the flows.
    /// <paramref name="timeZone"/> is the tenant time zone id, the engine's default (Asia/Shanghai) when null.
    /// </summary>
    public static async Task<WorkflowEngine> CreateAsync(
        WorkflowKitStores stores, TimeProvider time, CancellationToken cancellationToken, string? timeZone = null)
    {
        ArgumentNullException.ThrowIfNull(stores);
        ArgumentNullException.ThrowIfNull(time);
        var engine = new WorkflowEngine(
            stores.Database,
            stores.Runtime,
            new StoreFlowDefinitionSource(stores.Definitions),
            new ScriptHostFlowExpressions(new ScriptHost(timeProvider: time)),
            stores.Organization,
            stores.Records,
            time,
            new EngineOptions { Delegations = stores.Delegations, TimeZone = timeZone ?? new EngineOptions().TimeZone },
            flowServices: [new Replenishment.ReplenishmentFlowService()],
            recordAccess: new RecordAccess(stores.Permissions, stores.Organization, stores.Participation));
        await engine.SyncPublishedTriggersAsync(cancellationToken).ConfigureAwait(false);
        await RegisterPublishedFormsAsync(stores, unknownOnly: true, cancellationToken).ConfigureAwait(false);
        return engine;
    }

    /// <summary>
    /// Registers the latest published version of every form with the record store, as the designer does at start, so
    /// that flows can write records of forms that no <c>records import</c> has touched. With
    /// <paramref name="unknownOnly"/> only forms the record store does not know yet are registered.
    /// </summary>
    public static async Task RegisterPublishedFormsAsync(
        WorkflowKitStores stores, bool unknownOnly, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stores);
        foreach (var summary in await stores.Definitions.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (summary.Kind != DefinitionKinds.Form || summary.LatestVersion is null
                || (unknownOnly && await stores.RecordForms.FindFormAsync(summary.Key, cancellationToken)
                    .ConfigureAwait(false) is not null))
            {
                continue;
            }

            var published = await stores.Definitions.GetVersionAsync(
                DefinitionKinds.Form, summary.Key, null, cancellationToken).ConfigureAwait(false);
            if (published is not null)
            {
                await stores.RecordForms.RegisterFormAsync(
                    DefinitionJson.Deserialize<FormDefinition>(published.Json), cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
