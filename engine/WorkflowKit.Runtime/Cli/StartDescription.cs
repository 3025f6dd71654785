using System.Text.Json.Nodes;
using WorkflowKit.Runtime.Audit;
using WorkflowKit.Runtime.Instances;

namespace WorkflowKit.Runtime.Cli;

/// <summary>
/// Words who started an instance and how, for <c>workflowkit instance</c>: the initiator and what the trigger kind and
/// the start's audit line record, such as a run now by a process owner or a start through the REST API.
/// </summary>
internal static class StartDescription
{
    /// <summary>
    /// Returns the words after "started TIME", such as <c>by sales1 through the API (trigger api)</c>.
    /// <paramref name="startDetails"/> are the details of the instance's <c>instance.started</c> audit line, when
    /// there is one.
    /// </summary>
    public static string Describe(WorkflowInstance instance, JsonObject? startDetails, string systemUserId)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var by = instance.Initiator == systemUserId ? "by the engine" : $"by {instance.Initiator}";
        var description = instance.TriggerKind switch
        {
            TriggerKinds.Form => $"{by} on the start form",
            TriggerKinds.Api => $"{by} through the API or `workflowkit run`",
            TriggerKinds.Schedule when startDetails?["runNow"] is JsonValue runNow && runNow.GetValue<bool>() =>
                $"{by} with Run now",
            TriggerKinds.Schedule => instance.Initiator == systemUserId
                ? "by its schedule"
                : $"by its schedule, as {instance.Initiator}",
            TriggerKinds.Import => $"{by} through a data import",
            TriggerKinds.Record => $"{by}, whose record change triggered it",
            TriggerKinds.SubFlow => instance.ParentInstanceId is null
                ? $"as a sub-flow, {by}"
                : $"as a sub-flow of instance {instance.ParentInstanceId}, {by}",
            _ => by,
        };
        return $"{description} (trigger {instance.TriggerKind})";
    }

    /// <summary>Returns the details of the <c>instance.started</c> line of an instance's history, or null.</summary>
    public static JsonObject? StartDetails(IEnumerable<AuditEntry> history) =>
        history.FirstOrDefault(entry => entry.Action == AuditActions.InstanceStarted)?.Details;
}
