using System.Globalization;
using System.Text.Json.Nodes;
using WorkflowKit.Runtime.Execution;
using WorkflowKit.Runtime.Instances;
using WorkflowKit.Runtime.Notifications;
using WorkflowKit.Storage;

namespace WorkflowKit.Runtime;

/// <summary>Urges (催办) of an instance's open tasks by its initiator.</summary>
public sealed partial class WorkflowEngine
{
    private const string UrgeAction = "urge";

    private const string UrgedTasksKey = "tasks";

    /// <summary>
    /// Reminds the assignees of the instance's open tasks (催办); only the initiator may. Each open task is urged at
    /// most once per <see cref="EngineOptions.UrgeInterval"/> by one user, so an urge notifies only the tasks that
    /// this user has not urged within that time. The notification names the submission's title and the user.
    /// </summary>
    /// <exception cref="UnauthorizedAccessException">The user is not the instance's initiator.</exception>
    /// <exception cref="InstanceActionException">
    /// The user urged every open task within <see cref="EngineOptions.UrgeInterval"/>
    /// (<see cref="InstanceActionError.UrgedTooRecently"/>); nothing was written.
    /// </exception>
    /// <exception cref="ConcurrencyConflictException">The instance has ended.</exception>
    public async Task UrgeAsync(string instanceId, string userId, string? comment, CancellationToken cancellationToken)
    {
        await StepAsync(
            UrgeAction,
            instanceId,
            async step =>
            {
                if (step.Instance.Initiator != userId)
                {
                    throw new UnauthorizedAccessException(
                        $"Only the initiator ({step.Instance.Initiator}) may urge instance {instanceId}, not {userId}.");
                }

                RequireRunning(step);
                var open = step.OpenTasks.ToList();
                var lastUrged = await LastUrgedAsync(step, userId, open, cancellationToken).ConfigureAwait(false);
                var due = open.Where(task => !lastUrged.ContainsKey(task.Id)).ToList();
                if (open.Count > 0 && due.Count == 0)
                {
                    throw UrgedTooRecently(step, lastUrged.Values.Min());
                }

                var urger = await _services.Organization.FindUserAsync(userId, cancellationToken).ConfigureAwait(false);
                foreach (var task in due)
                {
                    // The title is read per node, so a node that hides the title field gets a notice without it.
                    var node = step.Graph.Node(task.NodeId);
                    var notice = new UrgeNotice(urger?.DisplayName ?? userId, NoticeSubjects.Title(step, node), comment);
                    step.Notify(task.Assignee, NotificationKinds.Urge, task.NodeId, task.Id, notice.Message(node.Name, node.Id));
                }

                step.AddAudit(userId, UrgeAction, comment: comment, details: new JsonObject
                {
                    ["assignees"] = new JsonArray([.. due.Select(task => (JsonNode)task.Assignee)]),
                    [UrgedTasksKey] = new JsonArray([.. due.Select(task => (JsonNode)task.Id)]),
                });
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Returns, for each of the <paramref name="open"/> tasks that <paramref name="userId"/> urged within
    /// <see cref="EngineOptions.UrgeInterval"/>, the time of that user's latest urge of it.
    /// </summary>
    /// <remarks>
    /// The audit trail is read outside the step's transaction. Two urges at once still notify once: both update the
    /// instance row, so the second one meets a version conflict, runs again and then finds the first urge here.
    /// </remarks>
    private async Task<Dictionary<string, DateTimeOffset>> LastUrgedAsync(
        StepContext step, string userId, IReadOnlyList<Storage.TaskRecord> open, CancellationToken cancellationToken)
    {
        var since = step.Now - _services.Options.UrgeInterval;
        var history = await _services.Store.GetAuditAsync(step.Instance.Id, cancellationToken).ConfigureAwait(false);
        var lastUrged = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var line in history.Where(line => line.Action == UrgeAction && line.Actor == userId && line.At > since))
        {
            // An urge written before the engine listed the urged tasks counts for every task open now.
            var urged = line.Details?[UrgedTasksKey] is JsonArray ids
                ? ids.Select(id => id?.GetValue<string>()).OfType<string>().ToHashSet(StringComparer.Ordinal)
                : open.Select(task => task.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var task in open.Where(task => urged.Contains(task.Id)))
            {
                lastUrged[task.Id] = lastUrged.TryGetValue(task.Id, out var at) && at > line.At ? at : line.At;
            }
        }

        return lastUrged;
    }

    private InstanceActionException UrgedTooRecently(StepContext step, DateTimeOffset earliestUrge)
    {
        var interval = _services.Options.UrgeInterval;
        var retryAfter = earliestUrge + interval - step.Now;
        var zone = _services.Zone(step.Graph);
        var next = TimeZoneInfo.ConvertTime(earliestUrge + interval, zone);
        return new InstanceActionException(
            InstanceActionError.UrgedTooRecently,
            $"You already urged the open tasks of instance {step.Instance.Id} within the last " +
            $"{interval.TotalMinutes.ToString(CultureInfo.InvariantCulture)} minutes, so nobody was notified again. " +
            $"Urge again after {next.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} ({zone.Id}).")
        {
            InstanceId = step.Instance.Id,
            FlowKey = step.Instance.FlowKey,
            RetryAfter = retryAfter,
        };
    }
}
