using System.Text.Json.Nodes;
using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Runtime.Audit;
using WorkflowKit.Runtime.Execution;
using WorkflowKit.Runtime.Graph;
using WorkflowKit.Runtime.Incidents;
using WorkflowKit.Runtime.Notifications;
using WorkflowKit.Runtime.Storage;
using WorkflowKit.Runtime.Tasks;

namespace WorkflowKit.Runtime.Approvals;

/// <summary>Returns: to an earlier human node of the branch, or to the initiator at the start node.</summary>
internal sealed partial class HumanTaskHandler
{
    /// <summary>
    /// Returns the nodes that a task of <paramref name="node"/> on <paramref name="token"/> may return to: the
    /// initiator first when the node allows it, then the earlier human nodes of the branch, oldest first. Empty when
    /// the node does not offer <c>return</c>.
    /// </summary>
    public static IReadOnlyList<ReturnTarget> ReturnTargetsOf(FlowGraph graph, NodeDefinition node, TokenRecord token)
    {
        if (!ActionsOf(node).Contains(TaskActions.Return, StringComparer.Ordinal))
        {
            return [];
        }

        var targets = new List<ReturnTarget>();
        if (AllowsReturnToInitiator(node))
        {
            targets.Add(new ReturnTarget(graph.StartNode.Id, graph.StartNode.Name, IsInitiator: true));
        }

        // A trail entry that the graph lacks is listed by its id rather than failing the whole task view.
        targets.AddRange(EarlierNodes(token)
            .Distinct(StringComparer.Ordinal)
            .Select(id => new ReturnTarget(id, graph.HasNode(id) ? graph.Node(id).Name : null, IsInitiator: false)));
        return targets;
    }

    private static bool AllowsReturnToInitiator(NodeDefinition node) => node.AllowReturnToInitiator != false;

    /// <summary>The human nodes the token visited before its current one, oldest first.</summary>
    private static List<string> EarlierNodes(TokenRecord token) => token.Trail.Take(token.Trail.Count - 1).ToList();

    /// <summary>
    /// Returns the task to the node that the request names. A request without a target goes to the previous human
    /// node of the branch, or to the initiator when the task is at the first human node of its branch.
    /// </summary>
    private void Return(
        StepContext context, TaskRecord task, TokenRecord token, NodeDefinition node, TaskActionRequest request,
        string returnedByName)
    {
        var earlier = EarlierNodes(token);
        var requested = request.TargetNodeId;
        var start = context.Graph.StartNode.Id;
        var toInitiator = requested == ReturnTarget.Initiator || requested == start
            || requested is null && earlier.Count == 0 && AllowsReturnToInitiator(node);
        if (toInitiator && AllowsReturnToInitiator(node))
        {
            context.PendingReturn = new ReturnNotice(start, request.UserId, returnedByName, NameOf(node), request.Comment)
            {
                LocalizedComment = request.LocalizedComment,
            };
            ReturnToInitiator(context, task, node, request);
            return;
        }

        var target = toInitiator ? null : requested ?? earlier.LastOrDefault();
        if (toInitiator || target is null || !earlier.Contains(target, StringComparer.Ordinal))
        {
            throw InvalidReturn(task, node, earlier, toInitiator, target);
        }

        var notice = new ReturnNotice(target, request.UserId, returnedByName, NameOf(node), request.Comment)
        {
            LocalizedComment = request.LocalizedComment,
        };
        context.PendingReturn = notice;
        Complete(context, task, request, "returned");
        CancelOpenTasks(context, token, "returned");
        context.Nodes[node.Id] = new JsonObject { ["outcome"] = "returned", ["to"] = target };
        token.Trail = earlier.Take(earlier.LastIndexOf(target)).ToList();
        runner.Jump(context, token, target);
        NotifyInitiator(context, NotificationKinds.Returned, request.UserId, target,
            notice.Message(context.Graph.Node(target).Name));
    }

    /// <summary>The node's name, or its id for a node without a name, so that a notice never quotes empty text.</summary>
    private static LocalizedText NameOf(NodeDefinition node) => node.Name ?? new LocalizedText(node.Id);

    private static TaskActionException InvalidReturn(
        TaskRecord task, NodeDefinition node, List<string> earlier, bool toInitiator, string? target)
    {
        var options = earlier.Count == 0 ? "none" : string.Join(", ", earlier.Distinct(StringComparer.Ordinal));
        var initiatorHint = AllowsReturnToInitiator(node)
            ? $" To return to the initiator, set targetNodeId to \"{ReturnTarget.Initiator}\"."
            : string.Empty;
        var message = toInitiator
            ? $"Task {task.Id} at node '{node.Id}' cannot return to the initiator, because the node sets " +
              $"allowReturnToInitiator to false. Earlier nodes: {options}."
            : target is null
                ? $"Task {task.Id} at node '{node.Id}' has no earlier human node to return to in its branch, and the " +
                  "node sets allowReturnToInitiator to false."
                : $"Cannot return task {task.Id} to node '{target}': it is not an earlier human node of this " +
                  $"branch. Earlier nodes: {options}.{initiatorHint}";
        var error = target is null && !toInitiator ? TaskActionError.NoEarlierNode : TaskActionError.InvalidReturnTarget;
        return new TaskActionException(error, message)
        {
            Action = TaskActions.Return, TaskId = task.Id, NodeId = node.Id,
        };
    }

    /// <summary>
    /// Returns the instance to its initiator (退回发起人). Every open task of the instance is cancelled and every live
    /// token ends, in all parallel branches, because the initiator's correction may change which branches run. One
    /// token then waits at the start node on a resubmission task for the initiator.
    /// </summary>
    private void ReturnToInitiator(StepContext context, TaskRecord task, NodeDefinition node, TaskActionRequest request)
    {
        var start = context.Graph.StartNode;
        Complete(
            context, task, request, "returned", AuditActions.ReturnedToInitiator,
            new JsonObject { ["returnedTo"] = start.Id });
        context.Nodes[node.Id] = new JsonObject { ["outcome"] = "returned", ["to"] = start.Id };
        context.AddAudit("system", AuditActions.NodeCompleted, node.Id, details: new JsonObject { ["returnedTo"] = start.Id });

        foreach (var open in context.OpenTasks.ToList())
        {
            open.Status = TaskStatuses.Cancelled;
            open.Outcome ??= "returned";
            open.Version++;
            context.Touch(open);
            context.CancelledTimerTasks.Add(open.Id);
        }

        foreach (var live in context.LiveTokens.ToList())
        {
            EndForReturn(context, live);
        }

        var token = context.NewToken(start.Id, null, string.Empty, []);
        token.VisitId = context.NewId();
        token.Status = TokenStatuses.Waiting;
        token.WaitKind = WaitKinds.Task;
        token.WaitRef = token.VisitId;
        context.Touch(token);
        CreateTask(context, token, start, context.Instance.Initiator, "returned");
    }

    /// <summary>Ends a live token that a return to the initiator leaves behind, with what it waits for.</summary>
    private static void EndForReturn(StepContext context, TokenRecord token)
    {
        switch (token.WaitKind)
        {
            case WaitKinds.SubFlow:
                context.OrphanedChildren.AddRange(SubFlowWaits.ChildrenOf(token));
                break;
            case WaitKinds.Incident when token.WaitRef is { } incident:
                context.ResolvedIncidents.Add(
                    new IncidentResolution(incident, context.ActorForAudit, IncidentResolutions.Returned));
                break;
            case WaitKinds.Outbox:
                // NOTE: the store cancels every pending outbox message of the instance, so a notification that an
                // earlier step queued and the dispatcher has not sent yet is dropped too.
                context.CancelPendingOutbox = true;
                break;
        }

        context.CancelledTimerTokens.Add(token.Id);
        token.Status = TokenStatuses.Cancelled;
        context.Touch(token);
    }
}
