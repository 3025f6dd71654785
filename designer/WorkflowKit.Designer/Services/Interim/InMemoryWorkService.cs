using System.Globalization;
using System.Text.Json.Nodes;
using System.Xml;
using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Organization;
using WorkflowKit.Storage;

namespace WorkflowKit.Designer.Services.Interim;

/// <summary>
/// A small in-memory interpreter for the node types the portal needs: start, fill-in and
/// approval tasks (single, or-sign, countersign, sequential), condition branches, CC and end;
/// other automatic nodes pass straight through.
/// </summary>
/// <remarks>NOTE: interim until the runtime engine lands; nothing survives a restart.</remarks>
public sealed class InMemoryWorkService(
    IDefinitionService definitions,
    IOrganizationDirectory directory,
    IFormValidationService validation,
    ITaskNotifier notifier,
    TimeProvider timeProvider,
    ILogger<InMemoryWorkService> logger) : IWorkService
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Instance> _instances = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TaskRow> _tasks = new(StringComparer.Ordinal);
    private long _nextId;

    public async Task<IReadOnlyList<StartableFlow>> GetStartableFlowsAsync(
        UserContext user, CancellationToken cancellationToken)
    {
        var result = new List<StartableFlow>();
        foreach (var summary in await definitions.ListAsync(DefinitionKind.Flow, cancellationToken))
        {
            if (summary.PublishedVersion is not { } version)
            {
                continue;
            }

            var flow = await LoadFlowAsync(summary.Key, version, cancellationToken);
            var formJson = await LoadLatestFormJsonAsync(flow.Form, cancellationToken);
            if (formJson is not null)
            {
                result.Add(new StartableFlow(flow.Key, flow.Name, version, flow.Form!, formJson));
            }
        }

        return result;
    }

    public async Task<InstanceSummary> StartAsync(
        string flowKey, JsonObject data, UserContext user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(user);
        var summary = (await definitions.ListAsync(DefinitionKind.Flow, cancellationToken))
            .FirstOrDefault(item => item.Key == flowKey && item.PublishedVersion is not null)
            ?? throw new ArgumentException($"No published flow with key '{flowKey}'; publish it first.", nameof(flowKey));
        var version = summary.PublishedVersion!.Value;
        var flow = await LoadFlowAsync(flowKey, version, cancellationToken);
        var formJson = await LoadLatestFormJsonAsync(flow.Form, cancellationToken);
        if (formJson is not null)
        {
            var form = DefinitionJson.Deserialize<FormDefinition>(formJson);
            var errors = await validation.ValidateAsync(form, data, user.Culture, cancellationToken);
            if (errors.Count > 0)
            {
                throw new FormValidationException(errors);
            }
        }

        var instance = new Instance(
            NextId("I"), flow, version, DefinitionJson.Serialize(flow), formJson, user.Id, user.DisplayName,
            (JsonObject)data.DeepClone(), timeProvider.GetUtcNow());
        var notified = new HashSet<string>(StringComparer.Ordinal);
        var start = flow.Nodes.Single(node => node.Type == NodeTypes.Start);
        lock (_gate)
        {
            _instances[instance.Id] = instance;
            instance.Audit.Add(new AuditEntry(
                instance.StartedAt, user.Id, user.DisplayName, "start", start.Id, null, (JsonObject)data.DeepClone()));
        }

        await EnterAsync(instance, start, notified, cancellationToken);
        DesignerLog.InstanceStarted(logger, instance.Id, flowKey, version, user.Id);
        Notify(notified, instance.Id, "started");
        return Summarize(instance);
    }

    public Task<IReadOnlyList<WorkTask>> GetInboxAsync(UserContext user, CancellationToken cancellationToken) =>
        Task.FromResult(SelectTasks(task => task.AssigneeId == user.Id && task.State == TaskState.Open));

    public Task<IReadOnlyList<WorkTask>> GetDoneAsync(UserContext user, CancellationToken cancellationToken) =>
        Task.FromResult(SelectTasks(task => task.AssigneeId == user.Id && task.State == TaskState.Completed));

    public Task<IReadOnlyList<InstanceSummary>> GetSubmissionsAsync(UserContext user, CancellationToken cancellationToken) =>
        Task.FromResult(SelectInstances(instance => instance.InitiatorId == user.Id));

    public Task<IReadOnlyList<InstanceSummary>> GetCarbonCopiesAsync(UserContext user, CancellationToken cancellationToken) =>
        Task.FromResult(SelectInstances(instance => instance.CarbonCopies.Contains(user.Id)));

    public Task<IReadOnlyList<InstanceSummary>> GetInstancesAsync(UserContext user, CancellationToken cancellationToken) =>
        Task.FromResult(SelectInstances(instance => CanSee(instance, user)));

    public Task<TaskDetail?> GetTaskAsync(string taskId, UserContext user, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_tasks.TryGetValue(taskId, out var task))
            {
                return Task.FromResult<TaskDetail?>(null);
            }

            if (task.AssigneeId != user.Id && !user.IsInRole(RoleNames.Admin))
            {
                throw new AccessDeniedException($"Task {taskId} is assigned to someone else; open your own inbox.");
            }

            var instance = _instances[task.InstanceId];
            var node = instance.Flow.Nodes.First(n => n.Id == task.NodeId);
            var actions = node.Actions is { Count: > 0 } listed ? listed
                : node.Type == NodeTypes.FillIn ? TaskActions.FillIn : TaskActions.Approval;
            return Task.FromResult<TaskDetail?>(new TaskDetail(ToWorkTask(task), Detail(instance), [.. actions]));
        }
    }

    public async Task ActAsync(
        string taskId, TaskActionRequest request, UserContext user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        Instance instance;
        TaskRow task;
        NodeDefinition node;
        lock (_gate)
        {
            if (!_tasks.TryGetValue(taskId, out var found))
            {
                throw new ArgumentException($"No task with id '{taskId}'.", nameof(taskId));
            }

            task = found;
            if (task.AssigneeId != user.Id)
            {
                throw new AccessDeniedException($"Task {taskId} is assigned to someone else; only its assignee may act.");
            }

            if (task.State != TaskState.Open)
            {
                throw new ConcurrencyConflictException(
                    $"Task {taskId} was already {task.Outcome ?? "closed"}; reload your inbox.")
                { Subject = $"task {taskId}" };
            }

            instance = _instances[task.InstanceId];
            node = instance.Flow.Nodes.First(n => n.Id == task.NodeId);
        }

        if (request.Changes is { Count: > 0 } changes)
        {
            ApplyChanges(instance, node, changes);
        }

        var notified = new HashSet<string>(StringComparer.Ordinal);
        switch (request.Action)
        {
            case TaskActions.Approve or TaskActions.Submit:
                await CompleteAsync(instance, node, task, request, user, notified, cancellationToken);
                break;
            case TaskActions.Reject:
                Close(task, "rejected");
                lock (_gate)
                {
                    CancelOpenTasks(instance, notified);
                    instance.State = InstanceState.Rejected;
                    instance.EndedAt = timeProvider.GetUtcNow();
                }

                break;
            case TaskActions.Return:
                await ReturnAsync(instance, node, task, request, notified, cancellationToken);
                break;
            case TaskActions.Transfer:
                var target = await RequireUserAsync(request.TargetUserId, cancellationToken);
                lock (_gate)
                {
                    task.AssigneeId = target.Id;
                }

                notified.Add(target.Id);
                break;
            case TaskActions.AddSignerBefore or TaskActions.AddSignerAfter:
                var signer = await RequireUserAsync(request.TargetUserId, cancellationToken);
                AddSigner(instance, node, task, signer, request.Action == TaskActions.AddSignerBefore, notified);
                break;
            case TaskActions.CarbonCopy:
                var cc = await RequireUserAsync(request.TargetUserId, cancellationToken);
                lock (_gate)
                {
                    instance.CarbonCopies.Add(cc.Id);
                }

                notified.Add(cc.Id);
                break;
            case TaskActions.Comment or TaskActions.Urge:
                break;
            default:
                throw new ArgumentException(
                    $"Unknown task action '{request.Action}'; expected one of {string.Join(", ", TaskActions.Approval)}.",
                    nameof(request));
        }

        lock (_gate)
        {
            instance.Audit.Add(new AuditEntry(
                timeProvider.GetUtcNow(), user.Id, user.DisplayName, request.Action, node.Id, request.Comment,
                request.Changes));
        }

        notified.Add(user.Id);
        DesignerLog.TaskActed(logger, taskId, instance.Id, request.Action, user.Id);
        Notify(notified, instance.Id, request.Action);
    }

    public Task WithdrawAsync(string instanceId, UserContext user, CancellationToken cancellationToken)
    {
        var notified = new HashSet<string>(StringComparer.Ordinal);
        lock (_gate)
        {
            var instance = _instances.GetValueOrDefault(instanceId)
                ?? throw new ArgumentException($"No instance with id '{instanceId}'.", nameof(instanceId));
            if (instance.InitiatorId != user.Id)
            {
                throw new AccessDeniedException($"Only the initiator may withdraw instance {instanceId}.");
            }

            if (instance.State != InstanceState.Running || instance.Audit.Count > 1)
            {
                throw new InvalidOperationException(
                    $"Instance {instanceId} can no longer be withdrawn: someone has acted on it or it has ended.");
            }

            CancelOpenTasks(instance, notified);
            instance.State = InstanceState.Withdrawn;
            instance.EndedAt = timeProvider.GetUtcNow();
            instance.Audit.Add(new AuditEntry(
                timeProvider.GetUtcNow(), user.Id, user.DisplayName, "withdraw", null, null, null));
        }

        Notify(notified, instanceId, "withdrawn");
        return Task.CompletedTask;
    }

    public Task<InstanceDetail?> GetInstanceAsync(string instanceId, UserContext user, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_instances.TryGetValue(instanceId, out var instance))
            {
                return Task.FromResult<InstanceDetail?>(null);
            }

            if (!CanSee(instance, user))
            {
                throw new AccessDeniedException(
                    $"Instance {instanceId} is visible to its initiator, assignees and CC recipients only.");
            }

            return Task.FromResult<InstanceDetail?>(Detail(instance));
        }
    }

    public Task<TestRunResult> TestRunAsync(string flowJson, JsonObject input, CancellationToken cancellationToken)
    {
        var flow = DefinitionJson.Deserialize<FlowDefinition>(flowJson);
        var visited = new List<string>();
        var edges = new List<string>();
        var messages = new List<string>();
        var node = flow.Nodes.FirstOrDefault(n => n.Type == NodeTypes.Start);
        var steps = 0;
        while (node is not null && steps++ < 200)
        {
            visited.Add(node.Id);
            if (node.Type == NodeTypes.End)
            {
                return Task.FromResult(new TestRunResult(visited, edges, messages, true));
            }

            if (NodeTypes.Human.Contains(node.Type))
            {
                messages.Add($"{node.Id}: task for {Describe(node.Assignees)}, taken as approved");
            }

            var edge = ChooseEdge(flow, node, input);
            if (edge is null)
            {
                messages.Add($"{node.Id}: no outgoing edge applies; the run stops here");
                break;
            }

            edges.Add(edge.Id);
            node = flow.Nodes.FirstOrDefault(n => n.Id == edge.To);
        }

        return Task.FromResult(new TestRunResult(visited, edges, messages, false));
    }

    private static string Describe(List<AssigneeRule>? rules) =>
        rules is { Count: > 0 } ? string.Join(", ", rules.Select(rule => $"{rule.Type}:{rule.Value}")) : "nobody";

    private async Task EnterAsync(
        Instance instance, NodeDefinition node, HashSet<string> notified, CancellationToken cancellationToken)
    {
        for (var steps = 0; steps < 500; steps++)
        {
            lock (_gate)
            {
                instance.Visited.Add(node.Id);
            }

            switch (node.Type)
            {
                case NodeTypes.End:
                    lock (_gate)
                    {
                        instance.State = InstanceState.Completed;
                        instance.EndedAt = timeProvider.GetUtcNow();
                    }

                    return;
                case NodeTypes.FillIn or NodeTypes.Approval:
                    await CreateTasksAsync(instance, node, notified, cancellationToken);
                    return;
                case NodeTypes.CarbonCopy or NodeTypes.Notification:
                    foreach (var recipient in await ResolveAsync(instance, node.Recipients ?? node.Assignees, cancellationToken))
                    {
                        lock (_gate)
                        {
                            instance.CarbonCopies.Add(recipient);
                        }

                        notified.Add(recipient);
                    }

                    break;
            }

            var edge = ChooseEdge(instance.Flow, node, instance.Data);
            if (edge is null)
            {
                lock (_gate)
                {
                    instance.State = InstanceState.Faulted;
                    instance.Audit.Add(new AuditEntry(timeProvider.GetUtcNow(), "system", "system", "fault", node.Id,
                        $"No outgoing edge of node '{node.Id}' applies.", null));
                }

                return;
            }

            lock (_gate)
            {
                instance.Edges.Add(edge.Id);
            }

            node = instance.Flow.Nodes.First(n => n.Id == edge.To);
        }
    }

    private static EdgeDefinition? ChooseEdge(FlowDefinition flow, NodeDefinition node, JsonObject data)
    {
        var outgoing = flow.Edges.Where(edge => edge.From == node.Id).ToList();
        if (node.Type != NodeTypes.Condition)
        {
            return outgoing.FirstOrDefault();
        }

        return outgoing
            .Where(edge => !edge.IsDefault && edge.Condition is not null)
            .OrderBy(edge => edge.Priority ?? int.MaxValue)
            .FirstOrDefault(edge => ConditionEvaluator.Evaluate(edge.Condition!, data))
            ?? outgoing.FirstOrDefault(edge => edge.IsDefault);
    }

    private async Task CreateTasksAsync(
        Instance instance, NodeDefinition node, HashSet<string> notified, CancellationToken cancellationToken)
    {
        var assignees = await ResolveAsync(instance, node.Assignees, cancellationToken);
        if (assignees.Count == 0)
        {
            lock (_gate)
            {
                instance.State = InstanceState.Faulted;
                instance.Audit.Add(new AuditEntry(timeProvider.GetUtcNow(), "system", "system", "fault", node.Id,
                    $"Node '{node.Id}' resolved to no assignee.", null));
            }

            return;
        }

        var sequential = node.ApprovalMode == ApprovalModes.Sequential;
        var now = timeProvider.GetUtcNow();
        var due = DueAt(node, now, instance.Data);
        lock (_gate)
        {
            instance.Queues[node.Id] = sequential ? new Queue<string>(assignees.Skip(1)) : new Queue<string>();
            foreach (var assignee in sequential ? assignees.Take(1) : assignees)
            {
                var task = new TaskRow(NextId("T"), instance.Id, node.Id, node.Type, assignee, now, due);
                _tasks[task.Id] = task;
                notified.Add(assignee);
            }
        }
    }

    private static DateTimeOffset? DueAt(NodeDefinition node, DateTimeOffset now, JsonObject data)
    {
        if (node.Deadline?.Duration is { } duration)
        {
            return now + XmlConvert.ToTimeSpan(duration);
        }

        if (node.Deadline?.Field is { } field && data[field] is JsonValue value
            && DateTimeOffset.TryParse(value.ToString(), CultureInfo.InvariantCulture, out var at))
        {
            return at;
        }

        return null;
    }

    private async Task<List<string>> ResolveAsync(
        Instance instance, List<AssigneeRule>? rules, CancellationToken cancellationToken)
    {
        var result = new List<string>();
        foreach (var rule in rules ?? [])
        {
            IEnumerable<string> ids = rule.Type switch
            {
                AssigneeTypes.User => rule.Value is null ? [] : [rule.Value],
                AssigneeTypes.Role => await UsersInRoleAsync(instance, rule, cancellationToken),
                AssigneeTypes.Department => (await directory.GetDepartmentMembersAsync(rule.Value ?? "", cancellationToken))
                    .Select(user => user.Id),
                AssigneeTypes.DepartmentManager => await ManagerAsync(rule.Value, cancellationToken),
                AssigneeTypes.Initiator => [instance.InitiatorId],
                AssigneeTypes.InitiatorManager => await ManagerAsync(
                    (await directory.FindUserAsync(instance.InitiatorId, cancellationToken))?.DepartmentId, cancellationToken),
                AssigneeTypes.Field => instance.Data[rule.Value ?? ""] switch
                {
                    JsonArray array => array.Select(item => item?.ToString() ?? "").Where(id => id.Length > 0),
                    JsonValue value => [value.ToString()],
                    _ => [],
                },
                _ => [],
            };
            result.AddRange(ids.Where(id => !result.Contains(id)));
        }

        return result;
    }

    private async Task<IEnumerable<string>> UsersInRoleAsync(
        Instance instance, AssigneeRule rule, CancellationToken cancellationToken)
    {
        var users = await directory.GetUsersInRoleAsync(rule.Value ?? "", cancellationToken);
        foreach (var (attribute, expression) in rule.Where ?? [])
        {
            var path = expression.StartsWith("form.", StringComparison.Ordinal) ? expression[5..] : expression;
            var wanted = instance.Data[path]?.ToString();
            users = [.. users.Where(user => user.GetAttribute(attribute) == wanted)];
        }

        return users.Select(user => user.Id);
    }

    private async Task<IEnumerable<string>> ManagerAsync(string? departmentId, CancellationToken cancellationToken)
    {
        var department = departmentId is null ? null : await directory.FindDepartmentAsync(departmentId, cancellationToken);
        return department?.ManagerId is { } manager ? [manager] : [];
    }

    private async Task CompleteAsync(
        Instance instance, NodeDefinition node, TaskRow task, TaskActionRequest request, UserContext user,
        HashSet<string> notified, CancellationToken cancellationToken)
    {
        bool nodeDone;
        lock (_gate)
        {
            Close(task, request.Action == TaskActions.Submit ? "submitted" : "approved");
            var open = OpenTasks(instance, node.Id).ToList();
            var queue = instance.Queues.GetValueOrDefault(node.Id);
            if (queue is { Count: > 0 } && open.Count == 0)
            {
                var next = queue.Dequeue();
                var created = new TaskRow(NextId("T"), instance.Id, node.Id, node.Type, next,
                    timeProvider.GetUtcNow(), task.DueAt);
                _tasks[created.Id] = created;
                notified.Add(next);
                nodeDone = false;
            }
            else if (node.ApprovalMode is ApprovalModes.Countersign or ApprovalModes.Vote && open.Count > 0)
            {
                nodeDone = false;
            }
            else
            {
                foreach (var other in open)
                {
                    other.State = TaskState.Cancelled;
                    notified.Add(other.AssigneeId);
                }

                nodeDone = true;
            }
        }

        if (!nodeDone)
        {
            return;
        }

        var edge = ChooseEdge(instance.Flow, node, instance.Data);
        if (edge is null)
        {
            return;
        }

        lock (_gate)
        {
            instance.Edges.Add(edge.Id);
        }

        await EnterAsync(instance, instance.Flow.Nodes.First(n => n.Id == edge.To), notified, cancellationToken);
    }

    private async Task ReturnAsync(
        Instance instance, NodeDefinition node, TaskRow task, TaskActionRequest request, HashSet<string> notified,
        CancellationToken cancellationToken)
    {
        string? targetId;
        lock (_gate)
        {
            targetId = request.TargetNodeId ?? instance.Visited
                .TakeWhile(id => id != node.Id)
                .LastOrDefault(id => NodeTypes.Human.Contains(instance.Flow.Nodes.First(n => n.Id == id).Type));
        }

        if (targetId is null)
        {
            Close(task, "returned");
            lock (_gate)
            {
                CancelOpenTasks(instance, notified);
            }

            var initiatorTask = new TaskRow(NextId("T"), instance.Id, node.Id, NodeTypes.FillIn, instance.InitiatorId,
                timeProvider.GetUtcNow(), null);
            lock (_gate)
            {
                _tasks[initiatorTask.Id] = initiatorTask;
            }

            notified.Add(instance.InitiatorId);
            return;
        }

        var target = instance.Flow.Nodes.FirstOrDefault(n => n.Id == targetId)
            ?? throw new ArgumentException($"Node '{targetId}' does not exist in this flow.", nameof(request));
        Close(task, "returned");
        lock (_gate)
        {
            CancelOpenTasks(instance, notified);
        }

        await CreateTasksAsync(instance, target, notified, cancellationToken);
    }

    private void AddSigner(
        Instance instance, NodeDefinition node, TaskRow task, OrgUser signer, bool before, HashSet<string> notified)
    {
        lock (_gate)
        {
            if (before)
            {
                // The current assignee waits: their task is re-created after the added signer acts.
                var queue = instance.Queues.TryGetValue(node.Id, out var existing) ? existing : new Queue<string>();
                instance.Queues[node.Id] = new Queue<string>([task.AssigneeId, .. queue]);
                task.State = TaskState.Cancelled;
                task.Outcome = "addSignerBefore";
            }
            else
            {
                var queue = instance.Queues.TryGetValue(node.Id, out var existing) ? existing : new Queue<string>();
                instance.Queues[node.Id] = new Queue<string>([signer.Id, .. queue]);
                notified.Add(signer.Id);
                return;
            }

            var created = new TaskRow(NextId("T"), instance.Id, node.Id, node.Type, signer.Id,
                timeProvider.GetUtcNow(), task.DueAt);
            _tasks[created.Id] = created;
            notified.Add(signer.Id);
        }
    }

    private async Task<OrgUser> RequireUserAsync(string? userId, CancellationToken cancellationToken) =>
        (userId is null ? null : await directory.FindUserAsync(userId, cancellationToken))
        ?? throw new ArgumentException($"Expected the id of an existing user as the target, got '{userId}'.",
            nameof(userId));

    private static void ApplyChanges(Instance instance, NodeDefinition node, JsonObject changes)
    {
        foreach (var (field, value) in changes)
        {
            var access = node.FieldPermissions?.GetValueOrDefault(field)?.Access ?? FieldPermission.ReadOnly;
            if (access != FieldPermission.Editable)
            {
                throw new AccessDeniedException(
                    $"Field '{field}' is {access} at node '{node.Id}'; only editable fields may change.");
            }

            instance.Data[field] = value?.DeepClone();
        }
    }

    private void Close(TaskRow task, string outcome)
    {
        lock (_gate)
        {
            task.State = TaskState.Completed;
            task.Outcome = outcome;
            task.ActedAt = timeProvider.GetUtcNow();
        }
    }

    private void CancelOpenTasks(Instance instance, HashSet<string> notified)
    {
        foreach (var open in _tasks.Values.Where(t => t.InstanceId == instance.Id && t.State == TaskState.Open))
        {
            open.State = TaskState.Cancelled;
            notified.Add(open.AssigneeId);
        }

        instance.Queues.Clear();
    }

    private IEnumerable<TaskRow> OpenTasks(Instance instance, string nodeId) =>
        _tasks.Values.Where(t => t.InstanceId == instance.Id && t.NodeId == nodeId && t.State == TaskState.Open);

    private bool CanSee(Instance instance, UserContext user) =>
        user.IsInRole(RoleNames.Admin) || user.IsInRole(RoleNames.ProcessOwner)
        || instance.InitiatorId == user.Id || instance.CarbonCopies.Contains(user.Id)
        || _tasks.Values.Any(task => task.InstanceId == instance.Id && task.AssigneeId == user.Id);

    private async Task<FlowDefinition> LoadFlowAsync(string key, int version, CancellationToken cancellationToken)
    {
        var json = await definitions.GetVersionJsonAsync(DefinitionKind.Flow, key, version, cancellationToken)
            ?? throw new InvalidOperationException($"Flow '{key}' version {version} is missing from the store.");
        return DefinitionJson.Deserialize<FlowDefinition>(json);
    }

    private async Task<string?> LoadLatestFormJsonAsync(string? formKey, CancellationToken cancellationToken)
    {
        if (formKey is null)
        {
            return null;
        }

        var history = await definitions.GetHistoryAsync(DefinitionKind.Form, formKey, cancellationToken);
        return history.Count == 0
            ? null
            : await definitions.GetVersionJsonAsync(DefinitionKind.Form, formKey, history[^1].Version, cancellationToken);
    }

    private IReadOnlyList<WorkTask> SelectTasks(Func<TaskRow, bool> predicate)
    {
        lock (_gate)
        {
            return [.. _tasks.Values.Where(predicate).OrderByDescending(task => task.CreatedAt).Select(ToWorkTask)];
        }
    }

    private IReadOnlyList<InstanceSummary> SelectInstances(Func<Instance, bool> predicate)
    {
        lock (_gate)
        {
            return [.. _instances.Values.Where(predicate).OrderByDescending(i => i.StartedAt).Select(Summarize)];
        }
    }

    private WorkTask ToWorkTask(TaskRow task)
    {
        var instance = _instances[task.InstanceId];
        var node = instance.Flow.Nodes.First(n => n.Id == task.NodeId);
        return new WorkTask(
            task.Id, instance.Id, instance.Flow.Key, instance.Flow.Name, instance.Version, node.Id,
            node.Name ?? new LocalizedText(node.Id), task.NodeType, task.AssigneeId, instance.InitiatorId,
            instance.InitiatorName, Title(instance), task.CreatedAt, task.DueAt, task.State, task.Outcome, task.ActedAt);
    }

    private InstanceSummary Summarize(Instance instance) => new(
        instance.Id, instance.Flow.Key, instance.Flow.Name, instance.Version, instance.Flow.Form ?? "",
        instance.InitiatorId, instance.InitiatorName, instance.State, Title(instance), instance.StartedAt,
        instance.EndedAt,
        [.. _tasks.Values.Where(t => t.InstanceId == instance.Id && t.State == TaskState.Open)
            .Select(t => t.NodeId).Distinct()]);

    private InstanceDetail Detail(Instance instance) => new(
        Summarize(instance), (JsonObject)instance.Data.DeepClone(), instance.FlowJson, instance.FormJson,
        [.. instance.Visited], [.. instance.Edges],
        [.. _tasks.Values.Where(t => t.InstanceId == instance.Id).OrderBy(t => t.CreatedAt).Select(ToWorkTask)],
        [.. instance.Audit]);

    private static string? Title(Instance instance)
    {
        if (instance.FormJson is null)
        {
            return null;
        }

        var form = DefinitionJson.Deserialize<FormDefinition>(instance.FormJson);
        var field = form.TitleField ?? form.Fields.FirstOrDefault()?.Id;
        return field is null ? null : instance.Data[field]?.ToString();
    }

    private void Notify(HashSet<string> users, string instanceId, string reason)
    {
        if (users.Count > 0)
        {
            notifier.Publish(new TaskNotification(users, instanceId, reason));
        }
    }

    private string NextId(string prefix) =>
        prefix + Interlocked.Increment(ref _nextId).ToString("D6", CultureInfo.InvariantCulture);

    private sealed class Instance(
        string id, FlowDefinition flow, int version, string flowJson, string? formJson, string initiatorId,
        string initiatorName, JsonObject data, DateTimeOffset startedAt)
    {
        public string Id { get; } = id;

        public FlowDefinition Flow { get; } = flow;

        public int Version { get; } = version;

        public string FlowJson { get; } = flowJson;

        public string? FormJson { get; } = formJson;

        public string InitiatorId { get; } = initiatorId;

        public string InitiatorName { get; } = initiatorName;

        public JsonObject Data { get; } = data;

        public DateTimeOffset StartedAt { get; } = startedAt;

        public DateTimeOffset? EndedAt { get; set; }

        public InstanceState State { get; set; } = InstanceState.Running;

        public List<string> Visited { get; } = [];

        public List<string> Edges { get; } = [];

        public HashSet<string> CarbonCopies { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, Queue<string>> Queues { get; } = new(StringComparer.Ordinal);

        public List<AuditEntry> Audit { get; } = [];
    }

    private sealed class TaskRow(
        string id, string instanceId, string nodeId, string nodeType, string assigneeId, DateTimeOffset createdAt,
        DateTimeOffset? dueAt)
    {
        public string Id { get; } = id;

        public string InstanceId { get; } = instanceId;

        public string NodeId { get; } = nodeId;

        public string NodeType { get; } = nodeType;

        public string AssigneeId { get; set; } = assigneeId;

        public DateTimeOffset CreatedAt { get; } = createdAt;

        public DateTimeOffset? DueAt { get; } = dueAt;

        public TaskState State { get; set; } = TaskState.Open;

        public string? Outcome { get; set; }

        public DateTimeOffset? ActedAt { get; set; }
    }
}
