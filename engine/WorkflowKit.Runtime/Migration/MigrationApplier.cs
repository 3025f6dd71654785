using System.Text.Json.Nodes;
using WorkflowKit.Runtime.Audit;
using WorkflowKit.Runtime.Execution;
using WorkflowKit.Runtime.Graph;
using WorkflowKit.Runtime.Storage;

namespace WorkflowKit.Runtime.Migration;

/// <summary>
/// Changes a loaded instance so that it runs on the target version of a checked plan. Nothing runs: the
/// tokens keep waiting where they were, under their node ids in the target version, and tokens at a join under
/// the incoming edge the plan mapped their arrival to. Variables, form data,
/// completed tasks and the audit trail stay as they are.
/// </summary>
internal static class MigrationApplier
{
    public static InstanceMigrationWrite Apply(
        StepContext step, FlowGraph target, MigrationPlan plan, string userId, IReadOnlyList<TimerRecord> timers)
    {
        var mapping = plan.NodeMapping;
        string Map(string nodeId) => mapping.GetValueOrDefault(nodeId) ?? nodeId;
        List<string> MapTrail(IEnumerable<string> trail) => [.. trail.Select(Map).Where(target.HasNode)];

        var expectedVersion = step.Instance.Version;
        foreach (var token in step.LiveTokens.ToList())
        {
            token.NodeId = Map(token.NodeId);

            // A token waiting at a join counts for the incoming edge that its branch enters the target join on.
            var arrival = plan.Items.FirstOrDefault(item => item.Kind == MigrationItemKinds.Token && item.Id == token.Id);
            if (arrival?.TargetEdgeId is { } edgeId)
            {
                token.EdgeId = edgeId;
            }

            // Return targets come from the trail, so a human node that the target version lacks is dropped.
            token.Trail = MapTrail(token.Trail);
            step.Touch(token);
        }

        foreach (var (_, activation) in step.Activations)
        {
            if (activation is not JsonObject saved)
            {
                continue;
            }

            if (saved["split"]?.GetValue<string>() is { } split)
            {
                saved["split"] = Map(split);
            }

            if (saved["trail"] is JsonArray trail)
            {
                saved["trail"] = new JsonArray([.. MapTrail(trail.Select(node => node!.GetValue<string>()))
                    .Select(node => (JsonNode)node)]);
            }
        }

        RenameNodeOutputs(step.Nodes, mapping);

        var moved = new List<TaskRecord>();
        var cancelledTimers = new List<string>();
        foreach (var task in step.OpenTasks.ToList())
        {
            var node = target.Node(Map(task.NodeId));
            task.NodeId = node.Id;
            task.FlowVersion = target.Published.Version;
            task.Kind = node.Type;

            // The node's fields, actions and deadline may differ now, so a user who opened the task before the
            // move gets a conflict and reloads it.
            task.Version++;
            var pending = timers.Where(timer => timer.TaskId == task.Id && timer.Status == TimerStatuses.Pending);
            if (node.Deadline is null)
            {
                task.DueAt = null;
                cancelledTimers.AddRange(pending.Select(timer => timer.Id));
            }
            else if (node.Reminders is not { Count: > 0 })
            {
                cancelledTimers.AddRange(pending.Where(timer => timer.Kind == TimerKinds.Reminder).Select(timer => timer.Id));
            }

            step.Touch(task);
            moved.Add(task);
        }

        step.Instance.FlowVersion = target.Published.Version;
        step.ActorForAudit = userId;
        step.AddAudit(
            userId, AuditActions.InstanceMigrated,
            comment: $"Migrated from version {plan.SourceVersion} to {plan.TargetVersion} by {userId}.",
            details: new JsonObject
            {
                ["fromVersion"] = plan.SourceVersion,
                ["toVersion"] = plan.TargetVersion,
                ["mapping"] = new JsonObject([.. mapping.Select(pair => KeyValuePair.Create(pair.Key, (JsonNode?)pair.Value))]),
                ["tokens"] = plan.Items.Count(item => item.Kind == MigrationItemKinds.Token),
                ["tasks"] = moved.Count,
                ["cancelledTimers"] = new JsonArray([.. cancelledTimers.Select(id => (JsonNode)id)]),
            });
        return new InstanceMigrationWrite(
            step.Instance.Id, expectedVersion, target.Published.Version, moved, cancelledTimers);
    }

    /// <summary>
    /// Moves node outputs (<c>nodes.ID.outcome</c> and the like) to the mapped ids, so that conditions of the
    /// target version read them under the new names. An output already stored under the new id is kept.
    /// </summary>
    private static void RenameNodeOutputs(JsonObject nodes, IReadOnlyDictionary<string, string> mapping)
    {
        foreach (var (from, to) in mapping)
        {
            if (from == to || !nodes.ContainsKey(from) || nodes.ContainsKey(to))
            {
                continue;
            }

            var output = nodes[from];
            nodes.Remove(from);
            nodes[to] = output;
        }
    }
}
