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
/// Delegation loops (A→B while B→A). Everyone in a looping route has a delegation in force, so everyone in it is
/// away, and a task left with the last of them would wait until its deadline. Such a task goes to the first user
/// that the node's escalation rules (<c>overdue.to</c>) name outside the route, because the flow already names them
/// for a task that stalls, and else to the flow's process owner (<c>settings.owner</c>). Without either, it stays
/// with the last user of the route. The audit trail records the loop, and the new holder and each user in the loop
/// get a notice, so that the users in the loop can fix their delegations.
/// </summary>
internal sealed partial class HumanTaskHandler
{
    /// <summary>Assignment reason of a task that went outside a delegation loop. The assignment's <c>By</c> is the user the rules named.</summary>
    internal const string LoopReason = "delegationLoop";

    /// <summary>
    /// Reads who may take the node's tasks when their delegations loop, once per step and node, before the step
    /// assigns them. Escalation rules that resolve to nobody leave only the owner, and an owner missing from the
    /// directory (a disabled account) is left out, so neither faults the step.
    /// </summary>
    public async Task LoadLoopCandidatesAsync(StepContext context, NodeDefinition node, CancellationToken cancellationToken)
    {
        if (context.LoopCandidates.ContainsKey(node.Id) || context.Delegations is not { Delegations.Count: > 0 })
        {
            return;
        }

        IReadOnlyList<string> targets = [];
        if (node.Overdue is { Action: "escalate", To: { Count: > 0 } rules })
        {
            try
            {
                targets = await assignees.ResolveAsync(context, node, rules, "escalation target", cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (FlowFaultException)
            {
                // The deadline's escalation reports this fault itself, with an audit line.
            }
        }

        string? owner = null;
        if (context.Graph.Published.Flow.Settings?.Owner is { Length: > 0 } ownerId
            && await services.Organization.FindUserAsync(ownerId, cancellationToken).ConfigureAwait(false) is not null)
        {
            owner = ownerId;
        }

        var names = await DisplayNamesAsync(owner is null ? targets : [.. targets, owner], cancellationToken)
            .ConfigureAwait(false);
        context.LoopCandidates[node.Id] = new LoopCandidates(targets, owner, names);
    }

    /// <summary>
    /// Returns who takes a task whose <paramref name="route"/> looped, or null when the route did not loop or no one
    /// outside the route may take it. An escalation target whose own delegations loop too is passed over. The owner is
    /// the last resort, so the owner keeps the task even when their own delegations loop.
    /// </summary>
    private static LoopHolder? HolderOutsideLoop(
        StepContext context, TokenRecord token, NodeDefinition node, DelegationRoute? route, TaskRecord? escalated = null)
    {
        if (route is not { StopReason: DelegationStops.Cycle }
            || !context.LoopCandidates.TryGetValue(node.Id, out var candidates))
        {
            return null;
        }

        foreach (var target in candidates.EscalationTargets.Where(user => !route.Chain.Contains(user, StringComparer.Ordinal)))
        {
            var targetRoute = RouteThroughDelegations(context, token, node, target, escalated);
            if (targetRoute is not { StopReason: DelegationStops.Cycle })
            {
                return new LoopHolder(route, target, LoopHolder.EscalationTarget, targetRoute);
            }
        }

        if (candidates.Owner is not { } owner || route.Chain.Contains(owner, StringComparer.Ordinal))
        {
            return null;
        }

        var ownerRoute = RouteThroughDelegations(context, token, node, owner, escalated);
        return new LoopHolder(
            route, owner, LoopHolder.Owner, ownerRoute is { StopReason: DelegationStops.Cycle } ? null : ownerRoute);
    }

    /// <summary>
    /// Writes the <c>task.delegationLoop</c> audit line and the notices of a task that went outside a loop: the holder
    /// gets one linked to the task, and each user in the loop one without a link, because the task is not theirs.
    /// </summary>
    private static void RecordLoop(StepContext context, NodeDefinition node, TaskRecord task, LoopHolder holder)
    {
        var candidates = context.LoopCandidates[node.Id];
        string NameOf(string user) =>
            candidates.Names.ContainsKey(user) ? candidates.NameOf(user) : context.Delegations!.NameOf(user);

        var loop = holder.Loop.Chain;
        var text = new DelegationLoopText(node.Name ?? new LocalizedText(node.Id), [.. loop.Select(NameOf)], holder.Role);
        var explained = text.Audit(NameOf(task.Assignee));
        context.AddAudit("system", AuditActions.DelegationLoop, node.Id, task.Id, explained.Get("en"), details: new JsonObject
        {
            ["loop"] = new JsonArray([.. loop.Select(user => (JsonNode)user)]),
            ["stoppedAt"] = holder.Loop.StoppedAt,
            ["to"] = task.Assignee,
            ["holderRole"] = holder.Role,
            ["comment"] = JsonSerializer.SerializeToNode(explained),
        });

        context.Notify(task.Assignee, NotificationKinds.DelegationLoop, node.Id, task.Id, text.ToHolder());
        foreach (var member in loop.Where(user => user != task.Assignee))
        {
            context.Notify(member, NotificationKinds.DelegationLoop, node.Id, null, text.ToMember(NameOf(task.Assignee)));
        }
    }
}
