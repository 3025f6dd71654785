using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Runtime.Audit;
using WorkflowKit.Runtime.Execution;
using WorkflowKit.Runtime.Storage;
using WorkflowKit.Runtime.Tasks;

namespace WorkflowKit.Runtime.Approvals;

/// <summary>
/// Added signers on every approval mode. A signer added before defers the approver's task, and the task comes back
/// to the approver when the signer approves. A signer added after gets a task once the approver approves. Either
/// way the signer belongs to the approver's share, so the share is approved only when both have approved, and a
/// rejection by either is the share's rejection.
/// </summary>
internal sealed partial class HumanTaskHandler
{
    /// <summary>Outcome of a task set aside while a signer added before its assignee acts.</summary>
    internal const string Deferred = "deferred";

    private void AddSigner(
        StepContext context, TaskRecord task, TokenRecord token, NodeDefinition node, string signer, TaskActionRequest request)
    {
        var position = request.SignerPosition switch
        {
            null or AddedSigner.After => AddedSigner.After,
            AddedSigner.Before => AddedSigner.Before,
            _ => throw new TaskActionException(
                TaskActionError.InvalidSignerPosition,
                $"Cannot add a signer on task {task.Id} at node '{node.Id}': signerPosition is " +
                $"\"{request.SignerPosition}\", expected \"before\" or \"after\". Set signerPosition to one of them.")
            {
                Action = request.Action, TaskId = task.Id, NodeId = node.Id,
            },
        };
        var round = ApprovalRound.FromJson(token.WaitState);
        if (signer == task.Assignee)
        {
            throw new TaskActionException(
                TaskActionError.TargetIsAssignee,
                $"Cannot add {signer} as a signer on task {task.Id} at node '{node.Id}': {signer} is the task's " +
                "assignee. Set targetUserId to another person.")
            {
                Action = OfferedName(request.Action, request), TaskId = task.Id, NodeId = node.Id,
                TargetUserId = signer,
            };
        }

        if (ParticipationOf(context, token, round, signer) is { } taken)
        {
            throw new TaskActionException(
                TaskActionError.TargetTakesPart,
                $"Cannot add {signer} as a signer on task {task.Id} at node '{node.Id}': {signer} {taken.Text}. " +
                "Set targetUserId to someone who takes no part in this node yet.")
            {
                Action = OfferedName(request.Action, request), TaskId = task.Id, NodeId = node.Id,
                TargetUserId = signer,
                Participation = taken.Kind,
            };
        }

        var host = round.PrimaryOf(task.Id);
        if (position == AddedSigner.Before)
        {
            Defer(context, round, task);
            var added = CreateTask(context, token, node, signer, "addedBefore");
            round.Shares[added.Id] = round.ShareOf(host);
            round.Signers.Add(new AddedSigner(signer, position, host, added.Id));
        }
        else
        {
            round.Signers.Add(new AddedSigner(signer, position, host, null));
        }

        token.WaitState = round.ToJson();
        context.Touch(token);
        context.AddAudit(
            request.UserId, AuditActions.TaskActionPrefix + TaskActions.AddSigner, node.Id, task.Id, request.Comment,
            snapshot: true, details: new JsonObject { ["signer"] = signer, ["position"] = position });
    }

    /// <summary>
    /// Sets aside the task and the open tasks of its escalation group, because a signer added before acts first and
    /// the whole group comes back afterwards.
    /// </summary>
    private static void Defer(StepContext context, ApprovalRound round, TaskRecord task)
    {
        var group = round.GroupOf(task.Id);
        foreach (var member in context.Tasks.Where(candidate => candidate.Status == TaskStatuses.Open
                     && (candidate.Id == task.Id || group.Contains(candidate.Id, StringComparer.Ordinal))))
        {
            member.Status = TaskStatuses.Cancelled;
            member.Outcome = Deferred;
            member.Version++;
            context.Touch(member);
            context.CancelledTimerTasks.Add(member.Id);
        }
    }

    /// <summary>
    /// Carries an approval on within its share: a signer added before hands the deferred task back to its assignee,
    /// and the signers queued after the approving task get their tasks.
    /// </summary>
    private void PassShareOn(StepContext context, TokenRecord token, NodeDefinition node, ApprovalRound round, TaskRecord task)
    {
        var primary = round.PrimaryOf(task.Id);
        var share = round.ShareOf(task.Id);
        var before = round.Signers.FirstOrDefault(signer => signer.Position == AddedSigner.Before && signer.TaskId == primary);
        if (before is not null)
        {
            round.Signers.Remove(before);
            BringBack(context, token, node, round, before.Host);
        }

        foreach (var after in round.Signers.Where(signer => signer.TaskId is null && signer.Host == primary).ToList())
        {
            round.Signers.Remove(after);
            var added = CreateTask(context, token, node, after.User, "addedAfter");
            round.Shares[added.Id] = share;
        }
    }

    /// <summary>
    /// Gives a deferred task back to its assignee as a new task of the same share, with the peers of its escalation
    /// group. A task without a group gets the node's deadline afresh. A group keeps the escalated deadline and gets
    /// no timers, because it was escalated once already.
    /// </summary>
    private void BringBack(StepContext context, TokenRecord token, NodeDefinition node, ApprovalRound round, string hostId)
    {
        var host = context.Tasks.Single(candidate => candidate.Id == hostId);
        var peers = context.Tasks
            .Where(candidate => candidate.Outcome == Deferred
                && round.Peers.TryGetValue(candidate.Id, out var escalated) && escalated == hostId)
            .ToList();
        var back = peers.Count == 0
            ? CreateTask(context, token, node, host.Assignee, "resumed")
            : CreateTask(context, token, node, host.Assignee, "resumed", host.DueAt ?? context.Now);
        round.Shares[back.Id] = round.ShareOf(hostId);
        foreach (var peer in peers)
        {
            var peerBack = CreateTask(context, token, node, peer.Assignee, "resumed", back.DueAt ?? context.Now);
            round.Peers[peerBack.Id] = back.Id;
        }

        for (var i = 0; i < round.Signers.Count; i++)
        {
            var signer = round.Signers[i];
            round.Signers[i] = signer.Host == hostId ? signer with { Host = back.Id }
                : signer.TaskId == hostId ? signer with { TaskId = back.Id }
                : signer;
        }
    }

    /// <summary>Rejects a transfer to the task's own assignee or to someone who already takes part in the node.</summary>
    private static void CheckTransferTarget(
        StepContext context, TokenRecord token, NodeDefinition node, TaskRecord task, string target)
    {
        if (target == task.Assignee)
        {
            throw new TaskActionException(
                TaskActionError.TargetIsAssignee,
                $"Cannot transfer task {task.Id} at node '{node.Id}' to {target}: it is already assigned to {target}. " +
                "Set targetUserId to the person who should take it over.")
            {
                Action = TaskActions.Transfer, TaskId = task.Id, NodeId = node.Id, TargetUserId = target,
            };
        }

        // Segregation of duties: the warehouse's shipping confirmation must not go to the salesperson who placed the
        // order. Only a node whose assignee rules include the initiator may be handed to the initiator.
        if (target == context.Instance.Initiator
            && node.Assignees?.Any(rule => rule.Type == AssigneeTypes.Initiator) != true)
        {
            throw new TaskActionException(
                TaskActionError.TargetIsInitiator,
                $"Cannot transfer task {task.Id} at node '{node.Id}' to {target}: {target} started this submission, " +
                "and the node's assignees do not include the initiator, so they would decide their own request. " +
                "Set targetUserId to someone else.")
            {
                Action = TaskActions.Transfer, TaskId = task.Id, NodeId = node.Id, TargetUserId = target,
            };
        }

        if (ParticipationOf(context, token, ApprovalRound.FromJson(token.WaitState), target) is { } taken)
        {
            throw new TaskActionException(
                TaskActionError.TargetTakesPart,
                $"Cannot transfer task {task.Id} at node '{node.Id}' to {target}: {target} {taken.Text}. " +
                "Set targetUserId to someone who takes no part in this node yet.")
            {
                Action = TaskActions.Transfer, TaskId = task.Id, NodeId = node.Id, TargetUserId = target,
                Participation = taken.Kind,
            };
        }
    }

    /// <summary>
    /// Returns how the user already takes part in the node's current visit, with the end of a sentence that describes it,
    /// or null when they take no part. The cases are an open task, a queued added signer, an approval already given,
    /// a deferred task waiting to come back, and a later place in the sequential order. The task
    /// <paramref name="leavingTaskId"/>, which an escalation takes from its assignee, is not counted.
    /// </summary>
    private static (TaskParticipation Kind, string Text)? ParticipationOf(
        StepContext context, TokenRecord token, ApprovalRound round, string user, string? leavingTaskId = null)
    {
        var visit = context.Tasks
            .Where(task => task.VisitId == token.VisitId && task.Assignee == user && task.Id != leavingTaskId)
            .ToList();
        if (visit.FirstOrDefault(task => task.Status == TaskStatuses.Open) is { } open)
        {
            return (TaskParticipation.OpenTask, $"already has open task {open.Id} at this node");
        }

        if (round.Signers.Any(signer => signer.TaskId is null && signer.User == user))
        {
            return (TaskParticipation.QueuedSigner,
                "is already queued as a signer added after an approver at this node");
        }

        // A second task for someone who already approved would let one person sign twice, for example when a signer
        // added after an approver hands the task back to that approver.
        if (visit.FirstOrDefault(task => task.Outcome is "approved" or "submitted") is { } approved)
        {
            return (TaskParticipation.Approved, $"already approved task {approved.Id} at this node");
        }

        var waiting = round.Signers.Where(signer => signer.Position == AddedSigner.Before).Select(signer => signer.Host)
            .ToHashSet(StringComparer.Ordinal);
        if (visit.FirstOrDefault(task => task.Outcome == Deferred && waiting.Contains(round.PrimaryOf(task.Id))) is { } set)
        {
            return (TaskParticipation.SetAside,
                $"has task {set.Id} at this node set aside until the signer added before them approves");
        }

        if (round.Mode == ApprovalModes.Sequential
            && round.Order.Skip(round.Position + 1).Contains(user, StringComparer.Ordinal))
        {
            return (TaskParticipation.LaterInSequence, "is still to act later in this node's sequential order");
        }

        return null;
    }
}
