using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Forms;
using WorkflowKit.Runtime.Assignees;
using WorkflowKit.Runtime.Audit;
using WorkflowKit.Runtime.Delegations;
using WorkflowKit.Runtime.Execution;
using WorkflowKit.Runtime.Notifications;
using WorkflowKit.Runtime.Storage;
using WorkflowKit.Runtime.Tasks;
using WorkflowKit.Storage;

namespace WorkflowKit.Runtime.Approvals;

/// <summary>Human nodes: creating the tasks of a round, and every action a person takes on a task.</summary>
internal sealed partial class HumanTaskHandler(EngineServices services, AssigneeResolver assignees, FlowRunner runner)
{
    private static readonly string[] ApprovalActions =
    [
        TaskActions.Approve, TaskActions.Reject, TaskActions.Return, TaskActions.Transfer, TaskActions.AddSignerBefore,
        TaskActions.AddSignerAfter, TaskActions.CarbonCopy,
    ];

    private static readonly string[] FillInActions =
    [
        TaskActions.Submit, TaskActions.Return, TaskActions.Transfer, TaskActions.AddSignerBefore,
        TaskActions.AddSignerAfter, TaskActions.CarbonCopy,
    ];

    /// <summary>
    /// The actions the node offers its assignees, by the names of a node's <c>actions</c> list: the list's task
    /// actions, or the type's defaults when it has none, and always <c>comment</c>. <c>urge</c> is left out, because
    /// the initiator urges from the instance, not the assignee from the task. <c>resubmit</c> and <c>withdraw</c> are
    /// left out too, because only the initiator's resubmission task at the start node offers them.
    /// </summary>
    public static IReadOnlyList<string> ActionsOf(NodeDefinition node)
    {
        var offered = node.Actions is { Count: > 0 } listed
            ? listed.SelectMany(action => action == TaskActions.AddSigner
                ? [TaskActions.AddSignerBefore, TaskActions.AddSignerAfter]
                : new[] { action })
            : node.Type == NodeTypes.FillIn ? FillInActions : ApprovalActions;
        return
        [
            .. offered.Append(TaskActions.Comment)
                .Where(action => TaskActions.All.Contains(action)
                    || action is TaskActions.AddSignerBefore or TaskActions.AddSignerAfter)
                .Where(action => action is not (TaskActions.Resubmit or TaskActions.Withdraw))
                .Distinct(StringComparer.Ordinal),
        ];
    }

    /// <summary>The name under which a node's <c>actions</c> list offers <paramref name="request"/>'s action.</summary>
    private static string OfferedName(string action, TaskActionRequest request) =>
        action != TaskActions.AddSigner ? action
            : request.SignerPosition == "before" ? TaskActions.AddSignerBefore
            : TaskActions.AddSignerAfter;

    public async Task EnterAsync(StepContext context, TokenRecord token, NodeDefinition node, CancellationToken cancellationToken)
    {
        var users = await assignees.ResolveAsync(context, node, node.Assignees, "assignee", cancellationToken)
            .ConfigureAwait(false);
        await LoadDelegationsAsync(context, cancellationToken).ConfigureAwait(false);
        await LoadLoopCandidatesAsync(context, node, cancellationToken).ConfigureAwait(false);
        var mode = node.Type == NodeTypes.FillIn ? ApprovalModes.Single : node.ApprovalMode ?? ApprovalModes.Single;
        var round = new ApprovalRound { Mode = mode, Order = [.. users], VoteRatio = node.VoteRatio ?? 0.5m };

        token.Trail.Add(node.Id);
        token.VisitId = context.NewId();
        token.Status = TokenStatuses.Waiting;
        token.WaitKind = WaitKinds.Task;
        token.WaitRef = token.VisitId;
        token.WaitState = round.ToJson();
        context.Touch(token);

        var first = mode == ApprovalModes.Sequential ? users.Take(1) : users;
        foreach (var user in first)
        {
            CreateTask(context, token, node, user, AssignedReason);
        }
    }

    /// <summary>
    /// Creates one task of the node for a user. A peer task of an escalation passes the escalated
    /// task's deadline as <paramref name="dueAt"/> and gets no timers; otherwise the node's
    /// deadline is computed from now and scheduled. <paramref name="knownRoute"/> is the user's route through the
    /// delegations when the caller has already followed it. A task the node's rules assign whose route loops goes to
    /// someone outside the loop (see <see cref="HolderOutsideLoop"/>).
    /// </summary>
    public TaskRecord CreateTask(
        StepContext context, TokenRecord token, NodeDefinition node, string user, string reason,
        DateTimeOffset? dueAt = null, DelegationRoute? knownRoute = null)
    {
        var deadlines = services.Deadlines(context);
        var scheduled = dueAt is null;
        dueAt ??= node.Deadline is null ? null : deadlines.DueAt(node.Deadline, context.Now, context.Instance.Form);
        var task = new TaskRecord
        {
            Id = context.NewId(),
            InstanceId = context.Instance.Id,
            TokenId = token.Id,
            VisitId = token.VisitId!,
            NodeId = node.Id,
            FlowKey = context.Instance.FlowKey,
            FlowVersion = context.Instance.FlowVersion,
            Kind = node.Type,
            Assignee = user,
            OriginalAssignee = user,
            Seq = context.NextSeq(),
            CreatedAt = context.Now,
            DueAt = dueAt,
        };
        var route = knownRoute ?? (reason is AssignedReason or EscalatedReason
            ? RouteThroughDelegations(context, token, node, user)
            : null);
        var outsideLoop = reason == AssignedReason ? HolderOutsideLoop(context, token, node, route) : null;
        if (outsideLoop is not null)
        {
            task.Assignee = outsideLoop.Assignee;
            reason = LoopReason;
        }
        else if (route is { Delegated: true })
        {
            task.Assignee = route.Assignee;
            reason = DelegatedReason;
        }

        context.AddTask(task);
        context.Assignments.Add(new TaskAssignment(
            task.Id, task.InstanceId, task.Assignee, reason, task.Assignee != user ? user : null, context.Now));
        if (context.PendingReturn is { } returned && returned.TargetNodeId == node.Id)
        {
            context.Notify(task.Assignee, NotificationKinds.Returned, node.Id, task.Id, returned.Message(node.Name));
        }
        else if (outsideLoop is not null)
        {
            // RecordLoop sends the holder's notice, which explains why the task is theirs.
        }
        else if (route is { Delegated: true })
        {
            context.Notify(
                task.Assignee, NotificationKinds.Delegated, node.Id, task.Id,
                DelegationNotice(node, route, context.Delegations!));
        }
        else
        {
            context.Notify(user, NotificationKinds.TaskAssigned, node.Id, task.Id, NoticeOf(context, node, task).Assigned());
        }

        context.AddAudit(
            "system", AuditActions.TaskCreated, node.Id, task.Id, details: new JsonObject { ["assignee"] = task.Assignee });
        if (outsideLoop is not null)
        {
            RecordLoop(context, node, task, outsideLoop);
            if (outsideLoop.Route is { } holderRoute)
            {
                AuditRoute(context, node, task, holderRoute);
            }
        }
        else if (route is not null)
        {
            AuditRoute(context, node, task, route);
        }

        if (scheduled && dueAt is { } due)
        {
            ScheduleDeadline(context, deadlines, task, node, due);
        }

        return task;
    }

    /// <summary>
    /// Gives an overdue task to every escalation target: the task moves to the first target and
    /// each other target gets a peer task in the same round. The group is or-signed: the first of
    /// them to decide settles it, and it counts once in countersign, sequential and vote rounds.
    /// A target in force of a delegation that covers the flow is replaced by the delegate. The route
    /// and its guards are those of a new task, so a task escalated to a manager who is away reaches
    /// the manager's delegate, except that holding the escalated task does not count as taking part:
    /// when the delegate is the former assignee, they keep the task on the target's behalf. When a
    /// guard stops the first target's route at someone who is away, the former assignee keeps the
    /// task and that person gets a peer task, so the task does not wait only on that person. A
    /// deadline <c>duration</c> counts again from now for the group, without reminders or a second
    /// overdue action. A deadline <c>field</c> is a date the form fixes, so the group keeps it. The
    /// former assignee gets a notification that names the new assignees.
    /// </summary>
    public async Task EscalateAsync(
        StepContext context, TaskRecord task, IReadOnlyList<string> users, string by, CancellationToken cancellationToken)
    {
        var token = context.Tokens.Single(candidate => candidate.Id == task.TokenId);
        var node = context.Graph.Node(task.NodeId);
        var round = ApprovalRound.FromJson(token.WaitState);
        var from = task.Assignee;
        var policyTargets = users.Distinct(StringComparer.Ordinal).ToList();
        var targets = policyTargets.ToList();
        if (node.Deadline is { Field: null, Duration: not null } deadline)
        {
            task.DueAt = services.Deadlines(context).DueAt(deadline, context.Now, context.Instance.Form);
        }

        await LoadDelegationsAsync(context, cancellationToken).ConfigureAwait(false);
        await LoadLoopCandidatesAsync(context, node, cancellationToken).ConfigureAwait(false);
        var route = RouteThroughDelegations(context, token, node, targets[0], escalated: task);

        // A route that loops back to the former assignee would leave the task with someone away, so the targets
        // become the other escalation targets outside the loop, else the owner.
        var outsideLoop = route?.Assignee == from ? HolderOutsideLoop(context, token, node, route, task) : null;
        if (outsideLoop is not null)
        {
            var loop = outsideLoop.Loop.Chain;
            targets = outsideLoop.Role == LoopHolder.Owner
                ? [outsideLoop.User]
                : [.. targets.Where(user => !loop.Contains(user, StringComparer.Ordinal))];
            targets.Remove(outsideLoop.User);
            targets.Insert(0, outsideLoop.User);
            route = outsideLoop.Route;
        }

        var formerAssigneeKeeps = route is { StopReason: not null } && route.Assignee != from;
        var holders = new List<string>();
        if (formerAssigneeKeeps)
        {
            // The former assignee keeps the task with its new deadline.
            task.Version++;
            context.Touch(task);
            var away = CreateTask(context, token, node, targets[0], EscalatedReason, task.DueAt ?? context.Now, route);
            round.Peers[away.Id] = task.Id;
            holders.AddRange([from, away.Assignee]);
        }
        else
        {
            holders.Add(EscalateTo(context, node, task, targets[0], route, by));
        }

        foreach (var user in targets.Skip(1))
        {
            var peer = CreateTask(context, token, node, user, EscalatedReason, task.DueAt ?? context.Now);
            round.Peers[peer.Id] = task.Id;
            holders.Add(peer.Assignee);
        }

        token.WaitState = round.ToJson();
        context.Touch(token);
        var escalated = NoticeOf(context, node, task).EscalatedTo();
        foreach (var user in holders.Distinct(StringComparer.Ordinal))
        {
            context.Notify(user, NotificationKinds.Overdue, node.Id, task.Id, escalated);
        }

        var names = await DisplayNamesAsync(
            [from, .. route?.Chain ?? [targets[0]], route?.StoppedAt ?? from, .. holders], cancellationToken)
            .ConfigureAwait(false);
        if (!holders.Contains(from, StringComparer.Ordinal))
        {
            var holderNames = holders.Distinct(StringComparer.Ordinal).Select(user => names[user]).ToList();

            // No task link, because the task is no longer the former assignee's to open.
            context.Notify(
                from, NotificationKinds.Escalated, node.Id, null, EscalationNotice.Message(node.Name ?? new(node.Id), holderNames));
        }

        var details = new JsonObject
        {
            ["from"] = from,
            ["to"] = new JsonArray([.. holders.Select(user => (JsonNode)user)]),
            ["targets"] = new JsonArray([.. policyTargets.Select(user => (JsonNode)user)]),
            ["dueAt"] = task.DueAt,
        };
        string? comment = null;
        if (route is not null && (route.Delegated || formerAssigneeKeeps))
        {
            var explained = DelegationStopText.Escalated(targets[0], route, from, formerAssigneeKeeps, user => names[user]);
            details["comment"] = JsonSerializer.SerializeToNode(explained);
            comment = explained.Get("en");
        }

        context.AddAudit(by, AuditActions.TaskEscalated, node.Id, task.Id, comment, details: details);
        if (outsideLoop is not null)
        {
            RecordLoop(context, node, task, outsideLoop);
        }
    }

    /// <summary>
    /// Moves the escalated task to <paramref name="target"/>, or to the end of the target's <paramref name="route"/>
    /// through the delegations in force, and returns its new assignee.
    /// </summary>
    private string EscalateTo(
        StepContext context, NodeDefinition node, TaskRecord task, string target, DelegationRoute? route, string by)
    {
        if (route is not { Delegated: true })
        {
            Reassign(context, task, target, EscalatedReason, by);
        }
        else
        {
            task.Assignee = route.Assignee;
            task.Version++;
            context.Touch(task);
            context.Assignments.Add(new TaskAssignment(
                task.Id, task.InstanceId, route.Assignee, DelegatedReason, target, context.Now));
            context.Notify(
                route.Assignee, NotificationKinds.Delegated, node.Id, task.Id,
                DelegationNotice(node, route, context.Delegations!));
        }

        if (route is not null)
        {
            AuditRoute(context, node, task, route);
        }

        return task.Assignee;
    }

    /// <summary>Returns the display name of each user, by user id; a user missing from the directory keeps the id.</summary>
    private async Task<IReadOnlyDictionary<string, string>> DisplayNamesAsync(
        IEnumerable<string> userIds, CancellationToken cancellationToken)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var userId in userIds.Distinct(StringComparer.Ordinal))
        {
            var user = await services.Organization.FindUserAsync(userId, cancellationToken).ConfigureAwait(false);
            names[userId] = user?.DisplayName ?? userId;
        }

        return names;
    }

    /// <summary>
    /// Closes the other open tasks of the acting task's escalation group, because one decision
    /// settles the whole group.
    /// </summary>
    private static void SettleEscalationGroup(StepContext context, TokenRecord token, TaskRecord task)
    {
        var group = ApprovalRound.FromJson(token.WaitState).GroupOf(task.Id);
        foreach (var peer in context.Tasks.Where(candidate => candidate.Id != task.Id
                     && candidate.Status == TaskStatuses.Open && group.Contains(candidate.Id, StringComparer.Ordinal)))
        {
            peer.Status = TaskStatuses.Cancelled;
            peer.Outcome = PeerDecided;
            peer.Version++;
            context.Touch(peer);
            context.CancelledTimerTasks.Add(peer.Id);
        }
    }

    /// <summary>Outcome of a task closed because another task of its escalation group decided.</summary>
    internal const string PeerDecided = "peerDecided";

    // Reminders count back in the deadline's unit, so a workday deadline's reminder falls in working time.
    private static void ScheduleDeadline(
        StepContext context, Timers.DeadlineCalculator deadlines, TaskRecord task, NodeDefinition node, DateTimeOffset due)
    {
        foreach (var reminder in node.Reminders ?? [])
        {
            var at = deadlines.Subtract(due, Timers.IsoDuration.Parse(reminder.Before), node.Deadline?.Unit);
            if (at > context.Now)
            {
                context.NewTimers.Add(NewTimer(context, task, TimerKinds.Reminder, at));
            }
        }

        context.NewTimers.Add(NewTimer(context, task, TimerKinds.Overdue, due));
    }

    internal static TimerRecord NewTimer(StepContext context, TaskRecord task, string kind, DateTimeOffset at) => new()
    {
        Id = context.NewId(),
        InstanceId = task.InstanceId,
        TokenId = task.TokenId,
        TaskId = task.Id,
        Kind = kind,
        DueAt = at,
        CreatedAt = context.Now,
    };

    /// <summary>
    /// Carries out a person's action on an open task of the loaded instance. Returns the rows of other owners whose
    /// submitted copies were ignored (see <see cref="KeptOwnerRow"/>), empty for actions without form changes.
    /// </summary>
    public async Task<IReadOnlyList<KeptOwnerRow>> ActAsync(
        StepContext context, TaskRecord task, TaskActionRequest request, CancellationToken cancellationToken)
    {
        var node = context.Graph.Node(task.NodeId);
        var token = context.Tokens.Single(candidate => candidate.Id == task.TokenId);
        var action = request.Action == TaskActions.Approve && node.Type == NodeTypes.FillIn ? TaskActions.Submit : request.Action;
        if (action == TaskActions.Submit && node.Type == NodeTypes.Approval)
        {
            action = TaskActions.Approve;
        }

        var offered = ActionsOf(node);
        var offeredName = OfferedName(action, request);
        if (!offered.Contains(offeredName, StringComparer.Ordinal))
        {
            // An added signer's position decides which offered name it needs, so the message names the position too.
            var requested = action == TaskActions.AddSigner
                ? $"\"{request.Action}\" with signerPosition \"{request.SignerPosition ?? "after"}\" ({offeredName})"
                : $"\"{request.Action}\"";
            throw new TaskActionException(
                TaskActionError.ActionNotOffered,
                $"Action {requested} is not offered at node '{node.Id}'; offered: {string.Join(", ", offered)}.")
            {
                Action = offeredName, TaskId = task.Id, NodeId = node.Id, Offered = offered,
            };
        }

        context.ActorForAudit = request.UserId;
        await LoadDelegationsAsync(context, cancellationToken).ConfigureAwait(false);
        await LoadLoopCandidatesAsync(context, node, cancellationToken).ConfigureAwait(false);
        if (action is not (TaskActions.Comment or TaskActions.CarbonCopy))
        {
            context.Instance.Acted = true;
        }

        if (action is TaskActions.Approve or TaskActions.Submit or TaskActions.Reject or TaskActions.Return)
        {
            SettleEscalationGroup(context, token, task);
        }

        switch (action)
        {
            case TaskActions.Approve or TaskActions.Submit:
                var form = request.FormChanges is { Count: > 0 } ? context.Graph.Published.Form : null;
                var before = form is null ? null : (JsonObject)context.Instance.Form.DeepClone();
                var keptRows = FieldGuard.Apply(
                    node, context.Instance.Form, request.FormChanges, task.OriginalAssignee,
                    OwnersActedSince(context, task));
                if (form is not null)
                {
                    RecalculateFormulas(form, context.Instance.Form, services.Zone(context.Graph), cancellationToken);
                    await CheckChangesAsync(context, form, before!, request, cancellationToken).ConfigureAwait(false);
                }

                // The outcome names the action as the person chose it: "submit" on an approval node approves, but the
                // task reads "submitted", as its audit line does, and so does a later conflict message.
                Complete(context, task, request,
                    action == TaskActions.Submit || request.Action == TaskActions.Submit ? "submitted" : "approved");
                Decide(context, token, node, Tally(context, token, node, task, approved: true));
                return keptRows;
            case TaskActions.Reject:
                Complete(context, task, request, "rejected");
                var decision = Tally(context, token, node, task, approved: false);
                Decide(context, token, node, decision);
                if (decision == RoundDecision.Rejected)
                {
                    var rejectedBy = await services.Organization.FindUserAsync(request.UserId, cancellationToken)
                        .ConfigureAwait(false);
                    var notice = new RejectionNotice(
                        request.UserId, rejectedBy?.DisplayName ?? request.UserId, node.Name, request.Comment)
                    {
                        LocalizedComment = request.LocalizedComment,
                    };
                    NotifyInitiator(context, NotificationKinds.Rejected, request.UserId, node.Id,
                        notice.Message(node.Id, ended: context.Finished));
                }

                break;
            case TaskActions.Return:
                var returnedBy = await services.Organization.FindUserAsync(request.UserId, cancellationToken)
                    .ConfigureAwait(false);
                Return(context, task, token, node, request, returnedBy?.DisplayName ?? request.UserId);
                break;
            case TaskActions.Transfer:
                var target = await RequireUserAsync(task, node, request, cancellationToken).ConfigureAwait(false);
                CheckTransferTarget(context, token, node, task, target);
                Reassign(context, task, target, "transferred", request.UserId);
                context.AddAudit(request.UserId, AuditActions.TaskActionPrefix + action, node.Id, task.Id, request.Comment,
                    snapshot: true, details: new JsonObject { ["to"] = target });
                break;
            case TaskActions.AddSigner:
                var signer = await RequireUserAsync(task, node, request, cancellationToken).ConfigureAwait(false);
                AddSigner(context, task, token, node, signer, request);
                break;
            case TaskActions.Comment:
                context.AddAudit(request.UserId, AuditActions.TaskActionPrefix + action, node.Id, task.Id, request.Comment,
                    snapshot: true);
                break;
            case TaskActions.CarbonCopy:
                var recipient = await RequireUserAsync(task, node, request, cancellationToken).ConfigureAwait(false);
                if (recipient == request.UserId)
                {
                    throw new TaskActionException(
                        TaskActionError.CopiesSelf,
                        $"{recipient} cannot copy themselves on task {task.Id}; choose another person to inform.")
                    {
                        Action = action, TaskId = task.Id, NodeId = node.Id, TargetUserId = recipient,
                    };
                }

                context.Notify(recipient, NotificationKinds.CarbonCopy, node.Id, task.Id, node.Name);
                context.AddAudit(request.UserId, AuditActions.TaskActionPrefix + action, node.Id, task.Id, request.Comment,
                    snapshot: false, details: new JsonObject { ["to"] = recipient });
                break;
            default:
                throw new InvalidOperationException($"Action \"{request.Action}\" is not supported.");
        }

        return [];
    }

    /// <summary>
    /// Tells the instance's initiator of a rejection or a return that <paramref name="actor"/> made, unless the
    /// initiator is that person or the "system" starter of schedules. The notice is dropped at persist time when a
    /// task of the same step already notified the initiator with <paramref name="kind"/>.
    /// </summary>
    private static void NotifyInitiator(
        StepContext context, string kind, string actor, string nodeId, LocalizedText message)
    {
        var initiator = context.Instance.Initiator;
        if (initiator == actor || initiator == "system")
        {
            return;
        }

        context.InitiatorNotice = new Notification(
            context.NewId(), initiator, context.Instance.Id, nodeId, null, kind, message, context.Now, null);
    }

    public void Reassign(StepContext context, TaskRecord task, string user, string reason, string? by)
    {
        task.Assignee = user;
        task.Version++;
        context.Touch(task);
        context.Assignments.Add(new TaskAssignment(task.Id, task.InstanceId, user, reason, by, context.Now));
        var node = context.Graph.Node(task.NodeId);
        context.Notify(user, NotificationKinds.TaskAssigned, task.NodeId, task.Id, NoticeOf(context, node, task).Assigned());
    }

    /// <summary>Builds the words of the task's own notices, with its deadline in the flow's time zone.</summary>
    public TaskNotice NoticeOf(StepContext context, NodeDefinition node, TaskRecord task) =>
        NoticeSubjects.Of(context, node, task, services.Zone(context.Graph));

    /// <summary>
    /// Returns the original assignees of the instance's tasks that submitted form changes at or after the creation of
    /// <paramref name="task"/>, so rows they own may differ from what the client of <paramref name="task"/> loaded.
    /// </summary>
    private static HashSet<string> OwnersActedSince(StepContext context, TaskRecord task) =>
        context.Tasks
            .Where(other => other.Id != task.Id
                && other.Status == TaskStatuses.Completed
                && other.Outcome is ("submitted" or "approved")
                && other.CompletedAt >= task.CreatedAt)
            .Select(other => other.OriginalAssignee)
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// Completes the task and writes the audit line with a snapshot of the form, under
    /// <paramref name="auditAction"/> when given, else under the request's action.
    /// </summary>
    public static void Complete(
        StepContext context, TaskRecord task, TaskActionRequest request, string outcome, string? auditAction = null,
        JsonObject? details = null)
    {
        task.Status = TaskStatuses.Completed;
        task.Outcome = outcome;
        task.Comment = request.Comment;
        task.CompletedAt = context.Now;
        task.CompletedBy = request.UserId;
        task.Version++;
        context.Touch(task);
        context.CancelledTimerTasks.Add(task.Id);
        details ??= [];
        details["outcome"] = outcome;
        if (request.LocalizedComment is { } localized)
        {
            details["comment"] = JsonSerializer.SerializeToNode(localized);
        }

        context.AddAudit(
            request.UserId, auditAction ?? AuditActions.TaskActionPrefix + request.Action, task.NodeId, task.Id,
            request.Comment, snapshot: true, details: details);
    }

    /// <summary>
    /// Moves the acting task's share on after a decision, then decides the round from the state of each share.
    /// An approval brings back the task that its signer added before had deferred, and gives the signers queued
    /// after the approver their tasks. A rejection drops the signers still waiting in that share.
    /// </summary>
    private RoundDecision Tally(StepContext context, TokenRecord token, NodeDefinition node, TaskRecord task, bool approved)
    {
        var round = ApprovalRound.FromJson(token.WaitState);
        var share = round.ShareOf(task.Id);
        if (approved)
        {
            PassShareOn(context, token, node, round, task);
        }
        else
        {
            round.Signers.RemoveAll(signer => round.ShareOf(signer.Host) == share);
        }

        var states = ShareStates(context, token, round);
        var acting = states[share];
        RoundDecision decision;
        switch (round.Mode)
        {
            case ApprovalModes.Countersign:
                decision = acting == RoundDecision.Rejected ? RoundDecision.Rejected
                    : states.Values.All(state => state == RoundDecision.Approved) ? RoundDecision.Approved
                    : RoundDecision.Pending;
                break;
            case ApprovalModes.Sequential:
                decision = acting;
                if (acting == RoundDecision.Approved && round.Position + 1 < round.Order.Count)
                {
                    round.Position++;
                    CreateTask(context, token, node, round.Order[round.Position], AssignedReason);
                    decision = RoundDecision.Pending;
                }

                break;
            case ApprovalModes.Vote:
                var total = states.Count;
                var required = (int)Math.Ceiling(round.VoteRatio * total);
                var approvals = states.Values.Count(state => state == RoundDecision.Approved);
                var rejections = states.Values.Count(state => state == RoundDecision.Rejected);
                decision = approvals >= required ? RoundDecision.Approved
                    : total - rejections < required ? RoundDecision.Rejected
                    : RoundDecision.Pending;
                break;
            default:
                decision = acting;
                break;
        }

        token.WaitState = round.ToJson();
        context.Touch(token);
        return decision;
    }

    /// <summary>
    /// Returns the state of each share of the round, by the id of its first task: rejected when one of its tasks
    /// was rejected, pending while one is open or a signer added after waits in it, else approved.
    /// </summary>
    private static Dictionary<string, RoundDecision> ShareStates(StepContext context, TokenRecord token, ApprovalRound round)
    {
        var queued = round.Signers
            .Where(signer => signer.TaskId is null)
            .Select(signer => round.ShareOf(signer.Host))
            .ToHashSet(StringComparer.Ordinal);
        return context.Tasks
            .Where(task => task.VisitId == token.VisitId && task.Outcome is not (Deferred or PeerDecided))
            .GroupBy(task => round.ShareOf(task.Id), StringComparer.Ordinal)
            .ToDictionary(
                group => group.Key,
                group => group.Any(task => task.Outcome == "rejected") ? RoundDecision.Rejected
                    : group.Any(task => task.Status == TaskStatuses.Open) || queued.Contains(group.Key)
                        ? RoundDecision.Pending
                    : group.Any(task => task.Outcome is "approved" or "submitted") ? RoundDecision.Approved
                    : RoundDecision.Pending,
                StringComparer.Ordinal);
    }

    private void Decide(StepContext context, TokenRecord token, NodeDefinition node, RoundDecision decision)
    {
        if (decision == RoundDecision.Pending)
        {
            return;
        }

        CancelOpenTasks(context, token, "decided");
        var outcome = decision == RoundDecision.Approved
            ? node.Type == NodeTypes.FillIn ? "submitted" : "approved"
            : "rejected";
        // "by" lists who approved or submitted, in order, so that later nodes can record who did the work, such as
        // the warehouse user who prepared the stock.
        var actors = context.Tasks
            .Where(task => task.VisitId == token.VisitId && task.Outcome is "approved" or "submitted")
            .OrderBy(task => task.CompletedAt)
            .Select(task => task.CompletedBy ?? task.Assignee)
            .Distinct(StringComparer.Ordinal)
            .Select(user => (JsonNode?)JsonValue.Create(user));
        var output = new JsonObject
        {
            ["outcome"] = outcome,
            ["at"] = context.Now.ToString("O"),
            ["by"] = new JsonArray([.. actors]),
        };

        // A rejection edge can then copy who rejected and why into the form or a record, such as an order's
        // cancellation reason.
        if (decision == RoundDecision.Rejected && context.Tasks
                .Where(task => task.VisitId == token.VisitId && task.Outcome == "rejected")
                .MaxBy(task => task.CompletedAt) is { } rejecting)
        {
            output["rejectedBy"] = rejecting.CompletedBy ?? rejecting.Assignee;
            output["comment"] = rejecting.Comment;
        }

        // The comment of the approval that decided the node, so that a notice after it can quote the approver, as the
        // credit review's notice of a new limit does.
        if (decision == RoundDecision.Approved && context.Tasks
                .Where(task => task.VisitId == token.VisitId && task.Outcome is "approved" or "submitted")
                .MaxBy(task => task.CompletedAt) is { } approving)
        {
            output["comment"] = approving.Comment;
        }

        context.Nodes[node.Id] = output;
        runner.Leave(context, token, node, rejecting: decision == RoundDecision.Rejected);
    }

    /// <summary>
    /// Recomputes the form's formulas after a task changed it, so that a total follows the edited lines whatever the
    /// client sent. A failing formula rejects the action and nothing is written.
    /// </summary>
    private void RecalculateFormulas(
        FormDefinition form, JsonObject data, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        try
        {
            services.Formulas.Recalculate(form, data, zone, cancellationToken);
        }
        catch (FormulaEvaluationException error)
        {
            throw new InvalidSubmissionException(form.Key, [new FieldError(error.Path, "formulaError", error.Message, null)]);
        }
    }

    /// <summary>
    /// Runs the form's rules on the form as the task changed it, as a start does, and rejects the action when the
    /// changes break a rule that the form met before them. Problems the form already had (such as data that a
    /// schedule or a record trigger started the instance with) stay for the node that can correct them.
    /// </summary>
    /// <exception cref="InvalidSubmissionException">The changes broke a rule; nothing is written.</exception>
    private async Task CheckChangesAsync(
        StepContext context, FormDefinition form, JsonObject before, TaskActionRequest request,
        CancellationToken cancellationToken)
    {
        var culture = request.Culture ?? CultureInfo.InvariantCulture;
        var user = await services.FormChecks.UserAsync(request.UserId, cancellationToken).ConfigureAwait(false);
        FormSubmission Submission(JsonObject data) => new(data)
        {
            UserId = request.UserId,
            User = user,
            Initiator = context.InitiatorJson,
            Variables = context.Vars,
            RecordId = context.StartRecordId,
            ChecksUniqueness = context.StartRecordId is not null,
        };

        var caused = await services.FormChecks.FindCausedErrorsAsync(
            form, Submission(context.Instance.Form), Submission(before), culture, cancellationToken).ConfigureAwait(false);
        if (caused.Count > 0)
        {
            throw new InvalidSubmissionException(form.Key, caused);
        }
    }

    public static void CancelOpenTasks(StepContext context, TokenRecord token, string reason)
    {
        foreach (var open in context.Tasks.Where(task => task.VisitId == token.VisitId && task.Status == TaskStatuses.Open))
        {
            open.Status = TaskStatuses.Cancelled;
            open.Outcome ??= reason;
            open.Version++;
            context.Touch(open);
            context.CancelledTimerTasks.Add(open.Id);
        }
    }

    /// <summary>
    /// Returns who completed the latest task of the same node visit as the cancelled <paramref name="task"/>, and
    /// when, because that person's decision or return settled the visit and cancelled the task. Both are null for a
    /// task that something else cancelled, such as a withdrawal.
    /// </summary>
    private static (string? By, DateTimeOffset? At) DeciderOf(TaskRecord task, IEnumerable<TaskRecord> instanceTasks)
    {
        var decider = instanceTasks
            .Where(other => other.VisitId == task.VisitId && other.Id != task.Id)
            .Where(other => other.Status == TaskStatuses.Completed && other.CompletedBy is not null)
            .OrderByDescending(other => other.CompletedAt)
            .FirstOrDefault();
        return (decider?.CompletedBy, decider?.CompletedAt);
    }

    private async Task<string> RequireUserAsync(
        TaskRecord task, NodeDefinition node, TaskActionRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.TargetUserId))
        {
            throw new TaskActionException(
                TaskActionError.TargetUserMissing,
                $"Action \"{request.Action}\" on task {task.Id} at node '{node.Id}' needs a target user; " +
                "set targetUserId to the user id of that person.")
            {
                Action = OfferedName(request.Action, request), TaskId = task.Id, NodeId = node.Id,
            };
        }

        var user = await services.Organization.FindUserAsync(request.TargetUserId, cancellationToken).ConfigureAwait(false);
        return user?.Id ?? throw new TaskActionException(
            TaskActionError.TargetUserNotFound,
            $"User \"{request.TargetUserId}\" is not in the organisation directory (targetUserId of action " +
            $"\"{request.Action}\" on task {task.Id} at node '{node.Id}'); choose an existing user.")
        {
            Action = OfferedName(request.Action, request), TaskId = task.Id, NodeId = node.Id,
            TargetUserId = request.TargetUserId,
        };
    }

    /// <summary>
    /// Checks that the request may act on the task, before anything changes. <paramref name="instanceTasks"/> are
    /// the instance's tasks, which name who decided when another person's decision cancelled this task.
    /// </summary>
    public static void CheckCanAct(TaskRecord task, TaskActionRequest request, IEnumerable<TaskRecord> instanceTasks)
    {
        if (task.Status != TaskStatuses.Open)
        {
            var (by, at) = task.CompletedBy is { } completedBy
                ? (completedBy, task.CompletedAt)
                : DeciderOf(task, instanceTasks);
            var when = at is { } time
                ? " at " + time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC"
                : string.Empty;
            throw new ConcurrencyConflictException(
                $"Task {task.Id} is already {task.Status} ({task.Outcome ?? "no outcome"}" +
                $"{(by is null ? string.Empty : " by " + by)}{when}); reload your inbox.")
            {
                Subject = $"task {task.Id}",
                CurrentStatus = task.Status,
                ActualVersion = task.Version,
                ExpectedVersion = request.ExpectedVersion,
                ChangedBy = by,
                ChangedAt = at,
            };
        }

        if (request.ExpectedVersion is { } expected && expected != task.Version)
        {
            throw new ConcurrencyConflictException(
                $"Task {task.Id} changed since you opened it (version {expected}, now {task.Version}); reload it.")
            {
                Subject = $"task {task.Id}",
                ExpectedVersion = expected,
                ActualVersion = task.Version,
            };
        }

        if (task.Assignee != request.UserId)
        {
            throw new UnauthorizedAccessException(
                $"Task {task.Id} is assigned to {task.Assignee}, not to {request.UserId}; only the assignee may act on it.");
        }
    }
}
