using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Conditions;
using WorkflowKit.Permissions;
using WorkflowKit.Records;
using WorkflowKit.Runtime;
using WorkflowKit.Runtime.Instances;
using WorkflowKit.Runtime.Notifications;
using WorkflowKit.Runtime.Tasks;

namespace WorkflowKit.Designer.Records;

/// <summary>
/// Records a user takes part in, for permission rules with <c>participant: true</c>: records
/// written by an instance that the user started, holds or held a task on, or was CC'd on.
/// </summary>
public sealed class EngineParticipationSource(WorkflowEngine engine, IRecordStore records) : IParticipationSource
{
    // NOTE: each list is read up to this many rows, so a user with more instances or tasks than
    // this sees only the records of the most recent ones through a participant rule.
    private const int MaxRows = 5_000;

    public async Task<IReadOnlyCollection<long>> GetRecordIdsAsync(
        string userId, string formKey, CancellationToken cancellationToken)
    {
        var instances = new HashSet<string>(StringComparer.Ordinal);
        instances.UnionWith((await engine.QueryInstancesAsync(
                new InstanceQuery { Initiator = userId, Limit = MaxRows }, cancellationToken))
            .Select(instance => instance.Id));
        instances.UnionWith((await engine.QueryTasksAsync(
                new TaskQuery { Assignee = userId, Status = null, Limit = MaxRows }, cancellationToken))
            .Select(task => task.InstanceId));
        instances.UnionWith((await engine.GetNotificationsAsync(userId, unreadOnly: false, cancellationToken))
            .Where(notification => notification.Kind == NotificationKinds.CarbonCopy)
            .Select(notification => notification.InstanceId)
            .OfType<string>());
        if (instances.Count == 0)
        {
            return [];
        }

        var page = await records.QueryAsync(
            new RecordQuery(formKey)
            {
                Where = RecordFilter.Compare(
                    RecordSystemFields.InstanceId, RuleOperators.In,
                    new JsonArray([.. instances.Select(id => (JsonNode?)JsonValue.Create(id))])),
                Limit = MaxRows,
                CountTotal = false,
            },
            null, cancellationToken);
        return [.. page.Items.Select(item => item.Id)];
    }
}
