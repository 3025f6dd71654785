using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Runtime.Audit;
using WorkflowKit.Runtime.Delegations;
using WorkflowKit.Runtime.Execution;
using WorkflowKit.Runtime.Notifications;
using WorkflowKit.Runtime.Storage;

namespace WorkflowKit.Runtime.Approvals;

/// <summary>
/// Standing delegations (代理审批). A task that a node's assignee rules give to a user in force of a delegation goes to
/// the delegate, through chains of delegations. A delegate who may not take it as a person is skipped: the initiator
/// of the submission (when the node's rules leave the initiator out), or someone who already takes part in the node.
/// Then the route stops at the last user who may, and the audit trail records why. Escalations follow the same routes,
/// because the policy names a role or a manager, and a person who is away cannot act before the new deadline either.
/// Transfers, added signers and tasks given back after a return or a signer go to the person named, because a person
/// chose them.
/// </summary>
internal sealed partial class HumanTaskHandler
{
    /// <summary>Assignment reason of a task that the node's assignee rules gave.</summary>
    internal const string AssignedReason = "assigned";

    /// <summary>Assignment reason of a task that an overdue policy escalated. The assignment's <c>By</c> is the system.</summary>
    internal const string EscalatedReason = "escalated";

    /// <summary>Assignment reason of a task that a delegation gave. The assignment's <c>By</c> is the delegating user.</summary>
    internal const string DelegatedReason = "delegated";

    /// <summary>
    /// Reads the delegations in force into the step, once per step, before it assigns tasks. Delegations whose
    /// delegate is no longer in the directory (a disabled account) are left out.
    /// </summary>
    public async Task LoadDelegationsAsync(StepContext context, CancellationToken cancellationToken)
    {
        if (context.Delegations is not null)
        {
            return;
        }

        if (services.Options.Delegations is not { } store)
        {
            context.Delegations = DelegationsInForce.None;
            return;
        }

        var inForce = await store.ListInForceAsync(context.Transaction, context.Now, cancellationToken).ConfigureAwait(false);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var usable = new List<Delegation>();
        foreach (var delegation in inForce)
        {
            var to = await services.Organization.FindUserAsync(delegation.DelegateId, cancellationToken).ConfigureAwait(false);
            if (to is null)
            {
                continue;
            }

            var from = await services.Organization.FindUserAsync(delegation.UserId, cancellationToken).ConfigureAwait(false);
            names[to.Id] = to.DisplayName;
            names[delegation.UserId] = from?.DisplayName ?? delegation.UserId;
            usable.Add(delegation);
        }

        context.Delegations = new DelegationsInForce(usable, names);
    }

    /// <summary>
    /// Returns the route of a task the node's rules give to <paramref name="user"/> through the delegations in force,
    /// or null when no delegation of the user covers the flow. <paramref name="escalated"/> is the task an escalation
    /// takes from its assignee: holding that task does not count as taking part, so the route may give it back to
    /// that assignee as the delegate of the escalation target.
    /// </summary>
    private static DelegationRoute? RouteThroughDelegations(
        StepContext context, TokenRecord token, NodeDefinition node, string user, TaskRecord? escalated = null)
    {
        var inForce = context.Delegations
            ?? throw new InvalidOperationException(
                $"Step {context.Step} assigns a task at node '{node.Id}' before loading the delegations in force; " +
                "call LoadDelegationsAsync first.");
        if (!inForce.Delegations.Any(delegation => delegation.UserId == user && delegation.Covers(context.Instance.FlowKey)))
        {
            return null;
        }

        var round = ApprovalRound.FromJson(token.WaitState);
        return DelegationRoute.Follow(
            inForce.Delegations, user, context.Instance.FlowKey,
            candidate => Refusal(context, token, node, round, candidate, escalated));
    }

    /// <summary>Returns why <paramref name="candidate"/> may not take a task of the node as a delegate, or null.</summary>
    private static string? Refusal(
        StepContext context, TokenRecord token, NodeDefinition node, ApprovalRound round, string candidate,
        TaskRecord? escalated)
    {
        if (candidate == context.Instance.Initiator
            && node.Assignees?.Any(rule => rule.Type == AssigneeTypes.Initiator) != true)
        {
            return DelegationStops.Initiator;
        }

        // The assignee of an escalated task is in the round's order for that task's share only, which they still owe.
        var holdsEscalated = escalated is not null && candidate == escalated.Assignee;
        var inOrder = !holdsEscalated && round.Order.Contains(candidate, StringComparer.Ordinal);
        return inOrder || ParticipationOf(context, token, round, candidate, escalated?.Id) is not null
            ? DelegationStops.TakesPart
            : null;
    }

    private static void AuditRoute(StepContext context, NodeDefinition node, TaskRecord task, DelegationRoute route)
    {
        var details = new JsonObject
        {
            ["from"] = route.Chain[0],
            ["to"] = route.Assignee,
            ["chain"] = new JsonArray([.. route.Chain.Select(user => (JsonNode)user)]),
            ["delegations"] = new JsonArray([.. route.DelegationIds.Select(id => (JsonNode)id)]),
        };
        if (route.StopReason is { } reason)
        {
            details["stoppedAt"] = route.StoppedAt;
            details["stopReason"] = reason;
        }

        string? comment = null;
        if (route.StopReason is not null)
        {
            var explained = DelegationStopText.Skipped(route, context.Delegations!.NameOf);
            details["comment"] = JsonSerializer.SerializeToNode(explained);
            comment = explained.Get("en");
        }

        var action = route.Delegated ? AuditActions.TaskDelegated : AuditActions.DelegationSkipped;
        context.AddAudit("system", action, node.Id, task.Id, comment, details: details);
    }

    private static bool RecordsStop(AuditEntry line, DelegationRoute route) =>
        (string?)line.Details?["from"] == route.Chain[0]
        && (string?)line.Details?["to"] == route.Assignee
        && (string?)line.Details?["stoppedAt"] == route.StoppedAt
        && (string?)line.Details?["stopReason"] == route.StopReason;

    /// <summary>Words the notice of a delegated task: the node and the user on whose behalf the delegate acts.</summary>
    private static LocalizedText DelegationNotice(NodeDefinition node, DelegationRoute route, DelegationsInForce inForce)
    {
        var name = node.Name ?? new LocalizedText(node.Id);
        var onBehalfOf = inForce.NameOf(route.Chain[0]);
        var through = route.Chain.Skip(1).SkipLast(1).Select(inForce.NameOf).ToList();
        var chinese = $"{name.Get("zh-CN")}：代 {onBehalfOf} 处理" + (through.Count > 0 ? $"（经 {string.Join("、", through)} 转委托）" : string.Empty);
        var english = $"{name.Get("en")}: on behalf of {onBehalfOf}" + (through.Count > 0 ? $" (delegated on through {string.Join(", ", through)})" : string.Empty);
        return new LocalizedText(chinese, english);
    }

    /// <summary>
    /// Moves an open task of <paramref name="delegation"/>'s user to the end of its route through the delegations in
    /// force, as the creation of the task would have. Returns false when the task stays, because it is no longer open,
    /// no longer the user's, outside the flow filter, or a guard stops the first hop. A refusal that one of
    /// <paramref name="earlierSkips"/> (the task's <c>task.delegationSkipped</c> lines) already records is not written
    /// again, so a move that resumes after a stop leaves one line per refusal.
    /// </summary>
    public bool MoveToDelegate(
        StepContext context, TaskRecord task, Delegation delegation, IReadOnlyCollection<AuditEntry> earlierSkips)
    {
        if (task.Status != TaskStatuses.Open || task.Assignee != delegation.UserId || !delegation.Covers(task.FlowKey))
        {
            return false;
        }

        var token = context.Tokens.Single(candidate => candidate.Id == task.TokenId);
        var node = context.Graph.Node(task.NodeId);
        var route = RouteThroughDelegations(context, token, node, task.Assignee);
        if (route is null)
        {
            return false;
        }

        if (route.Delegated || !earlierSkips.Any(line => RecordsStop(line, route)))
        {
            AuditRoute(context, node, task, route);
        }

        if (!route.Delegated)
        {
            return false;
        }

        task.Assignee = route.Assignee;
        task.Version++;
        context.Touch(task);
        context.Assignments.Add(new TaskAssignment(
            task.Id, task.InstanceId, route.Assignee, DelegatedReason, delegation.UserId, context.Now));
        context.Notify(
            route.Assignee, NotificationKinds.Delegated, node.Id, task.Id, DelegationNotice(node, route, context.Delegations!));
        return true;
    }
}
