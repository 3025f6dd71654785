using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Runtime.Approvals;
using WorkflowKit.Runtime.Audit;
using WorkflowKit.Runtime.Incidents;
using WorkflowKit.Runtime.Instances;
using WorkflowKit.Runtime.Notifications;
using WorkflowKit.Runtime.Storage;
using WorkflowKit.Runtime.Tasks;

namespace WorkflowKit.Runtime;

/// <summary>Read paths: instances, tasks, task views, history, incidents and notifications.</summary>
public sealed partial class WorkflowEngine
{
    /// <summary>An instance with its token positions, all its tasks and its open incidents; null if unknown.</summary>
    public async Task<InstanceDetail?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken)
    {
        var store = _services.Store;
        var record = await store.GetInstanceAsync(null, instanceId, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return null;
        }

        var instance = await ToInstanceAsync(record, null, cancellationToken).ConfigureAwait(false);
        var tokens = await store.GetTokensAsync(null, instanceId, liveOnly: true, cancellationToken).ConfigureAwait(false);
        var tasks = await store.QueryTasksAsync(
            new TaskQuery { InstanceId = instanceId, Status = null, Limit = 10_000 }, cancellationToken).ConfigureAwait(false);
        var incidents = await store.GetIncidentsAsync(instanceId, openOnly: true, cancellationToken).ConfigureAwait(false);
        var positions = new List<TokenPosition>();
        foreach (var token in tokens)
        {
            positions.Add(await PositionOfAsync(token, cancellationToken).ConfigureAwait(false));
        }

        return new InstanceDetail(instance, positions, [.. tasks.Select(ToTask)], incidents);
    }

    /// <summary>Returns the node of a live token and what it waits for, with the due time of its timer.</summary>
    private async Task<TokenPosition> PositionOfAsync(TokenRecord token, CancellationToken cancellationToken)
    {
        var timer = token.WaitKind is WaitKinds.Timer or WaitKinds.Retry && token.WaitRef is { } timerId
            ? await _services.Store.GetTimerAsync(null, timerId, cancellationToken).ConfigureAwait(false)
            : null;
        return new TokenPosition(token.Id, token.NodeId, token.Status, token.WaitKind, token.WaitRef)
        {
            DueAt = timer?.DueAt,
            Children = Execution.SubFlowWaits.ChildrenOf(token),
        };
    }

    /// <summary>Instances matching the query, newest first; their <see cref="WorkflowInstance.Variables"/> are empty.</summary>
    public async Task<IReadOnlyList<WorkflowInstance>> QueryInstancesAsync(
        InstanceQuery query, CancellationToken cancellationToken)
    {
        var records = await _services.Store.QueryInstancesAsync(query, cancellationToken).ConfigureAwait(false);
        return [.. records.Select(record => ToInstance(record, null))];
    }

    /// <summary>One task by its id, in any status; null if unknown.</summary>
    public async Task<WorkTask?> GetTaskAsync(string taskId, CancellationToken cancellationToken)
    {
        var task = await _services.Store.GetTaskAsync(null, taskId, cancellationToken).ConfigureAwait(false);
        return task is null ? null : ToTask(task);
    }

    public async Task<IReadOnlyList<WorkTask>> QueryTasksAsync(TaskQuery query, CancellationToken cancellationToken)
    {
        var tasks = await _services.Store.QueryTasksAsync(query, cancellationToken).ConfigureAwait(false);
        return [.. tasks.Select(ToTask)];
    }

    /// <summary>
    /// The task as its assignee sees it: form data without the fields hidden at the node, the
    /// access of each field, the actions offered and the nodes it may return to. A resubmission
    /// task applies the start node's field permissions and carries the note of the return.
    /// </summary>
    /// <exception cref="UnauthorizedAccessException">The user is not the task's assignee.</exception>
    public async Task<TaskView> GetTaskViewAsync(string taskId, string userId, CancellationToken cancellationToken)
    {
        var store = _services.Store;
        var task = await store.GetTaskAsync(null, taskId, cancellationToken).ConfigureAwait(false)
            ?? throw new KeyNotFoundException($"Task '{taskId}' does not exist; check the id.");
        if (task.Assignee != userId)
        {
            throw new UnauthorizedAccessException(
                $"Task {taskId} is assigned to {task.Assignee}, not to {userId}; only the assignee may open it.");
        }

        var instance = await store.GetInstanceAsync(null, task.InstanceId, cancellationToken).ConfigureAwait(false)
            ?? throw new KeyNotFoundException($"Instance '{task.InstanceId}' of task {taskId} does not exist.");
        var graph = await _services.GraphAsync(task.FlowKey, task.FlowVersion, cancellationToken).ConfigureAwait(false);
        var node = graph.Node(task.NodeId);
        var resubmission = IsResubmission(graph, task);
        var fields = graph.Published.Form?.Fields.Select(field => field.Id) ?? instance.Form.Select(pair => pair.Key);
        var access = fields
            .Concat(node.FieldPermissions?.Keys ?? Enumerable.Empty<string>())
            .Distinct(StringComparer.Ordinal)
            .ToDictionary(
                field => field,
                field => resubmission ? StartAccessOf(node, field) : FieldGuard.AccessOf(node, field),
                StringComparer.Ordinal);
        var open = task.Status == TaskStatuses.Open;
        var targets = open && !resubmission
            ? await ReturnTargetsAsync(graph, node, task, cancellationToken).ConfigureAwait(false)
            : [];
        IReadOnlyList<string> actions = !open ? []
            : resubmission ? ResubmissionActions(graph)
            : [.. HumanTaskHandler.ActionsOf(node).Where(action => action != TaskActions.Return || targets.Count > 0)];
        return new TaskView(
            ToTask(task),
            node.Name,
            instance.Initiator,
            resubmission ? FieldGuard.Visible(node, instance.Form)
                : FieldGuard.VisibleTo(node, instance.Form, task.OriginalAssignee),
            access.Where(pair => pair.Value != FieldPermission.Hidden)
                .ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal),
            actions)
        {
            ReturnTargets = targets,
            ReturnNote = resubmission
                ? await GetReturnNoteAsync(task.InstanceId, cancellationToken).ConfigureAwait(false)
                : null,
        };
    }

    /// <summary>The nodes an open task may return to, from the trail of the token it belongs to.</summary>
    private async Task<IReadOnlyList<ReturnTarget>> ReturnTargetsAsync(
        Graph.FlowGraph graph, NodeDefinition node, TaskRecord task, CancellationToken cancellationToken)
    {
        var tokens = await _services.Store.GetTokensAsync(null, task.InstanceId, liveOnly: true, cancellationToken)
            .ConfigureAwait(false);
        var token = tokens.FirstOrDefault(candidate => candidate.Id == task.TokenId);
        return token is null ? [] : HumanTaskHandler.ReturnTargetsOf(graph, node, token);
    }

    /// <summary>
    /// Returns the instance's form as shown to a CC recipient, without the fields and sub-table columns hidden at any node
    /// that copied <paramref name="userId"/> on it. A copy from a task also leaves out the sub-table rows that the task
    /// does not show, such as other owners' rows at a node with <c>rowOwner</c>. Null when no node of the instance
    /// copied that user.
    /// </summary>
    public async Task<JsonObject?> GetCarbonCopyViewAsync(
        string instanceId, string userId, CancellationToken cancellationToken)
    {
        var store = _services.Store;
        var copies = (await store.GetInstanceNotificationsAsync(instanceId, userId, cancellationToken).ConfigureAwait(false))
            .Where(notification => notification.Kind == NotificationKinds.CarbonCopy)
            .ToList();
        if (copies.Count == 0)
        {
            return null;
        }

        var instance = await store.GetInstanceAsync(null, instanceId, cancellationToken).ConfigureAwait(false)
            ?? throw new KeyNotFoundException($"Instance '{instanceId}' does not exist; check the id.");
        var graph = await _services.GraphAsync(instance.FlowKey, instance.FlowVersion, cancellationToken)
            .ConfigureAwait(false);
        var visible = instance.Form;
        foreach (var (nodeId, taskId) in copies.Select(copy => (copy.NodeId, copy.TaskId)).Distinct())
        {
            // A copy without a node, or from a node that the instance's version lacks (after a migration to a
            // version without it), shows no field: hiding too much is the safe side.
            if (nodeId is null || !graph.HasNode(nodeId))
            {
                return [];
            }

            var node = graph.Node(nodeId);
            if (taskId is null)
            {
                visible = FieldGuard.Visible(node, visible);
                continue;
            }

            // The recipient sees the rows of the task's view, because the copier shares only what they see. Each
            // further copy can only narrow the rows, as it narrows the fields.
            var task = await store.GetTaskAsync(null, taskId, cancellationToken).ConfigureAwait(false);
            if (task is null)
            {
                return [];
            }

            visible = FieldGuard.VisibleTo(node, visible, task.OriginalAssignee);
        }

        return visible;
    }

    /// <summary>The audit trail of an instance, oldest first.</summary>
    public Task<IReadOnlyList<AuditEntry>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken) =>
        _services.Store.GetAuditAsync(instanceId, cancellationToken);

    /// <summary>Incidents of one instance, or of every instance when <paramref name="instanceId"/> is null.</summary>
    public Task<IReadOnlyList<Incident>> GetIncidentsAsync(
        string? instanceId, bool openOnly, CancellationToken cancellationToken) =>
        _services.Store.GetIncidentsAsync(instanceId, openOnly, cancellationToken);

    /// <summary>The user's newest notifications, at most <see cref="DefaultNotificationPageSize"/>.</summary>
    public async Task<IReadOnlyList<Notification>> GetNotificationsAsync(
        string userId, bool unreadOnly, CancellationToken cancellationToken) =>
        (await GetNotificationPageAsync(userId, unreadOnly, 0, DefaultNotificationPageSize, cancellationToken)
            .ConfigureAwait(false)).Items;

    /// <summary>
    /// One page of the user's notifications, newest first: skips <paramref name="offset"/> and takes
    /// <paramref name="limit"/> (1 to <see cref="MaxNotificationPageSize"/>), with the total over all pages.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The offset is negative or the limit is out of range.</exception>
    public Task<NotificationPage> GetNotificationPageAsync(
        string userId, bool unreadOnly, int offset, int limit, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        if (offset < 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(offset), offset, $"The offset must be 0 or more, got {offset}.");
        }

        if (limit is < 1 or > MaxNotificationPageSize)
        {
            throw new ArgumentOutOfRangeException(
                nameof(limit), limit, $"The limit must be 1 to {MaxNotificationPageSize}, got {limit}.");
        }

        return _services.Store.GetNotificationsAsync(userId, unreadOnly, offset, limit, cancellationToken);
    }

    /// <summary>Ids of the instances the user was copied on, most recently copied first, at most <paramref name="limit"/>.</summary>
    public Task<IReadOnlyList<string>> GetCarbonCopiedInstanceIdsAsync(
        string userId, int limit, CancellationToken cancellationToken) =>
        _services.Store.GetCarbonCopiedInstanceIdsAsync(userId, limit, cancellationToken);

    /// <summary>Marks one of the user's notifications read; false when the user has no notification with that id.</summary>
    public Task<bool> MarkNotificationReadAsync(string notificationId, string userId, CancellationToken cancellationToken) =>
        _services.Store.MarkNotificationReadAsync(notificationId, userId, _services.Time.GetUtcNow(), cancellationToken);

    /// <summary>Marks every unread notification of the user read; returns how many it marked.</summary>
    public Task<int> MarkAllNotificationsReadAsync(string userId, CancellationToken cancellationToken) =>
        _services.Store.MarkAllNotificationsReadAsync(userId, _services.Time.GetUtcNow(), cancellationToken);

    /// <summary>Pending and past timers of an instance, for administrators and tests.</summary>
    public Task<IReadOnlyList<TimerRecord>> GetTimersAsync(string instanceId, CancellationToken cancellationToken) =>
        _services.Store.GetTimersAsync(instanceId, cancellationToken);

    /// <summary>Outbox messages of an instance, for administrators and tests.</summary>
    public Task<IReadOnlyList<OutboxRecord>> GetOutboxAsync(string instanceId, CancellationToken cancellationToken) =>
        _services.Store.GetOutboxForInstanceAsync(instanceId, cancellationToken);
}
