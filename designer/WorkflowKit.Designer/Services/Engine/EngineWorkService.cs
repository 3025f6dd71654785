using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Definitions.Store;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Runtime;
using WorkflowKit.Runtime.Audit;
using WorkflowKit.Runtime.Instances;
using WorkflowKit.Runtime.Notifications;
using WorkflowKit.Runtime.Tasks;
using EngineTask = WorkflowKit.Runtime.Tasks.WorkTask;
using EngineTaskActions = WorkflowKit.Runtime.Tasks.TaskActions;
using EngineTaskRequest = WorkflowKit.Runtime.Tasks.TaskActionRequest;

namespace WorkflowKit.Designer.Services.Engine;

/// <summary>
/// The work portal's view of the durable engine: starts go through the engine, which computes and
/// validates the form, and task lists and instances are read from the engine. Open task lists
/// refresh through <see cref="EngineTaskNotifications"/>, which relays every committed engine step.
/// </summary>
public sealed partial class EngineWorkService(
    WorkflowEngine engine,
    IDefinitionService definitions,
    IDefinitionStore store,
    AccountStore accounts,
    FlowTestRunner testRunner,
    Records.RecordService records,
    ILogger<EngineWorkService> logger) : IWorkService
{
    private readonly ConcurrentDictionary<(string Key, int Version), FlowDefinition> _flows = new();

    // A field, because the trail's record lines read records in another part of this partial class.
    private readonly Records.RecordService _records = records;

    // Title field per flow version, read from the form version that flow version is bound to. Both are immutable
    // once published. NOTE: a flow version published before form bindings existed caches the form that was
    // latest at its first read until the process restarts.
    private readonly ConcurrentDictionary<(string FlowKey, int FlowVersion), string?> _titleFields = new();

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

            var flow = await FlowAsync(summary.Key, version, cancellationToken);
            var form = await BoundFormJsonAsync(flow, version, cancellationToken);
            if (form is not null && HandStartRules.Allows(flow.Triggers)
                && StarterRules.Admits(flow.Starters, user.Id, user.Roles, user.DepartmentId))
            {
                result.Add(new StartableFlow(flow.Key, flow.Name, version, flow.Form!, form)
                {
                    StartPermissions = flow.Nodes.FirstOrDefault(node => node.Type == NodeTypes.Start)?.FieldPermissions,
                    StartCreatesRecord = flow.Settings?.StartCreatesRecord == true,
                    TimeZone = flow.Settings?.TimeZone,
                    Description = flow.Description,
                });
            }
        }

        return result;
    }

    public async Task<InstanceSummary> StartAsync(
        string flowKey, JsonObject data, UserContext user, string? requestKey, CancellationToken cancellationToken,
        StartChannel channel)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (string.IsNullOrWhiteSpace(flowKey))
        {
            throw InvalidInputException.MissingProperty(
                "$.flowKey",
                "The flowKey is missing; send the key of the flow to start, such as one that GET /api/startable-flows " +
                "lists.");
        }

        var summary = (await definitions.ListAsync(DefinitionKind.Flow, cancellationToken))
            .FirstOrDefault(item => item.Key == flowKey && item.PublishedVersion is not null)
            ?? throw new InvalidInputException(
                "The flowKey '{0}' names no published flow; send the key of a flow you may start, as GET " +
                "/api/startable-flows lists them, or publish the flow first.", nameof(flowKey), flowKey)
            {
                Code = "flow-not-found", JsonPath = "$.flowKey",
            };
        // The engine fills defaults, computes formulas and validates with the initiator's attributes. Its
        // messages are in the page's language.
        var culture = CultureInfo.GetCultureInfo(user.Culture.StartsWith("zh", StringComparison.Ordinal) ? "zh-CN" : "en");
        WorkflowInstance instance;
        try
        {
            instance = await engine.StartAsync(
                new StartInstanceRequest(flowKey, user.Id)
                {
                    FlowVersion = summary.PublishedVersion!.Value, Form = data, Culture = culture,
                    TriggerKind = channel == StartChannel.Api ? TriggerKinds.Api : TriggerKinds.Form,

                    // The key is the user's own, so that one user's key never finds another user's instance.
                    IdempotencyKey = requestKey is null ? null : $"start:{user.Id}:{requestKey}",
                },
                cancellationToken);
        }
        catch (FieldAccessDeniedException denied)
        {
            throw new AccessDeniedException(denied.Message, denied);
        }
        catch (StartNotAllowedException denied)
        {
            throw new AccessDeniedException(denied.Message, denied);
        }
        catch (WorkflowKit.Forms.InvalidSubmissionException invalid)
        {
            throw new FormValidationException([.. invalid.Errors.Select(error => new FieldError(error.Path, error.Message))]);
        }

        DesignerLog.InstanceStarted(logger, instance.Id, flowKey, instance.FlowVersion, user.Id);

        // The start runs the instance up to its first wait, so the reply names the nodes it now waits at, as
        // GET /api/instances/{id} does.
        var waiting = await engine.GetInstanceAsync(instance.Id, cancellationToken);
        var started = await SummarizeAsync(instance, waiting?.Incidents.Count > 0, cancellationToken);
        return waiting is null ? started : await WithWaitsAsync(started, waiting, cancellationToken);
    }

    public async Task<IReadOnlyList<WorkTask>> GetInboxAsync(UserContext user, CancellationToken cancellationToken) =>
        await TasksAsync(
            new TaskQuery { Assignee = user.Id, Status = TaskStatuses.Open, Limit = 500 }, cancellationToken);

    public async Task<IReadOnlyList<WorkTask>> GetDoneAsync(UserContext user, CancellationToken cancellationToken) =>
        await TasksAsync(new TaskQuery { Assignee = user.Id, Status = TaskStatuses.Completed, Limit = 500 },
            cancellationToken);

    public async Task<IReadOnlyList<UrgeNotice>> GetUrgesAsync(UserContext user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var open = (await GetInboxAsync(user, cancellationToken)).ToDictionary(task => task.Id, StringComparer.Ordinal);
        var names = await NamesAsync(cancellationToken);
        var histories = new Dictionary<string, IReadOnlyList<Runtime.Audit.AuditEntry>>(StringComparer.Ordinal);
        var result = new List<UrgeNotice>();
        // Urges follow the read state like every notification: a read urge leaves the inbox.
        // NOTE: only the newest 200 unread notifications are read, so an urge behind 200 newer unread ones is not listed.
        foreach (var notification in await engine.GetNotificationsAsync(user.Id, unreadOnly: true, cancellationToken))
        {
            if (notification.Kind != NotificationKinds.Urge || notification.TaskId is null
                || !open.TryGetValue(notification.TaskId, out var task))
            {
                continue;
            }

            // The urge's audit line, written in the same step, names who urged and their comment. Only the initiator
            // may urge, so the initiator is used when no line matches.
            if (!histories.TryGetValue(task.InstanceId, out var history))
            {
                histories[task.InstanceId] = history = await engine.GetHistoryAsync(task.InstanceId, cancellationToken);
            }

            var line = history.LastOrDefault(entry => entry.Action == "urge" && entry.At == notification.CreatedAt);
            var urgedBy = line?.Actor ?? task.InitiatorId;
            result.Add(new UrgeNotice(
                notification.Id, task.Id, task.InstanceId, task.NodeName, task.Title, urgedBy, names.GetValueOrDefault(urgedBy, urgedBy),
                line?.Comment, notification.CreatedAt));
        }

        return [.. result.OrderByDescending(notice => notice.At)];
    }

    public async Task<IReadOnlyList<UserNotification>> GetNotificationsAsync(
        UserContext user, bool unreadOnly, CancellationToken cancellationToken) =>
        (await GetNotificationPageAsync(
            user, unreadOnly, 0, WorkflowEngine.DefaultNotificationPageSize, cancellationToken)).Items;

    public async Task<UserNotificationPage> GetNotificationPageAsync(
        UserContext user, bool unreadOnly, int offset, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        // The store returns them newest first.
        var page = await engine.GetNotificationPageAsync(user.Id, unreadOnly, offset, limit, cancellationToken);
        var readableInstances = new Dictionary<string, bool>(StringComparer.Ordinal);
        var items = new List<UserNotification>(page.Items.Count);
        foreach (var notification in page.Items)
        {
            var canOpenInstance = false;
            if (notification.InstanceId is { } instanceId && !readableInstances.TryGetValue(instanceId, out canOpenInstance))
            {
                canOpenInstance = await MayReadInstanceAsync(instanceId, user, cancellationToken);
                readableInstances[instanceId] = canOpenInstance;
            }

            // An escalation or a transfer moves the task to someone else, and only its assignee may open it.
            var canOpenTask = notification.TaskId is { } taskId
                && (await engine.GetTaskAsync(taskId, cancellationToken))?.Assignee == user.Id;
            items.Add(new UserNotification(
                notification.Id, notification.Kind, notification.Message, notification.InstanceId,
                notification.TaskId, notification.CreatedAt, notification.ReadAt)
            {
                CanOpenInstance = canOpenInstance,
                CanOpenTask = canOpenTask,
            });
        }

        return new UserNotificationPage(items, page.Total);
    }

    public async Task MarkNotificationReadAsync(
        string notificationId, UserContext user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!await engine.MarkNotificationReadAsync(notificationId, user.Id, cancellationToken))
        {
            throw NotFoundException.Notification(notificationId);
        }
    }

    public Task<int> MarkAllNotificationsReadAsync(UserContext user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        return engine.MarkAllNotificationsReadAsync(user.Id, cancellationToken);
    }

    public async Task<IReadOnlyList<InstanceSummary>> GetSubmissionsAsync(
        UserContext user, CancellationToken cancellationToken) =>
        await SummarizeAllAsync(
            await engine.QueryInstancesAsync(new InstanceQuery { Initiator = user.Id, Limit = 500 }, cancellationToken),
            cancellationToken);

    public async Task<IReadOnlyList<InstanceSummary>> GetCarbonCopiesAsync(
        UserContext user, CancellationToken cancellationToken)
    {
        var ids = await engine.GetCarbonCopiedInstanceIdsAsync(user.Id, 500, cancellationToken);
        return await SummarizeIdsAsync(ids, user, cancellationToken);
    }

    public async Task<IReadOnlyList<InstanceSummary>> GetInstancesAsync(
        UserContext user, CancellationToken cancellationToken)
    {
        if (user.CanDesign)
        {
            return await SummarizeAllAsync(
                await engine.QueryInstancesAsync(new InstanceQuery { Limit = 1000 }, cancellationToken),
                cancellationToken);
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        ids.UnionWith((await engine.QueryInstancesAsync(new InstanceQuery { Initiator = user.Id, Limit = 500 },
            cancellationToken)).Select(instance => instance.Id));
        ids.UnionWith((await engine.QueryTasksAsync(new TaskQuery { Assignee = user.Id, Status = null, Limit = 500 },
            cancellationToken)).Select(task => task.InstanceId));
        ids.UnionWith((await GetCarbonCopiesAsync(user, cancellationToken)).Select(instance => instance.Id));
        return [.. (await SummarizeIdsAsync(ids, user, cancellationToken)).OrderByDescending(i => i.StartedAt)];
    }

    public async Task<IReadOnlyList<WorkTask>> GetOpenTasksAsync(UserContext user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);

        // NOTE: reads at most 10,000 open tasks; a larger backlog is counted only in part.
        var open = await TasksAsync(new TaskQuery { Status = TaskStatuses.Open, Limit = 10_000 }, cancellationToken);
        if (user.CanDesign)
        {
            return open;
        }

        var visible = (await GetInstancesAsync(user, cancellationToken))
            .Select(instance => instance.Id).ToHashSet(StringComparer.Ordinal);
        return [.. open.Where(task => visible.Contains(task.InstanceId))];
    }

    public async Task<InstanceProgress?> GetProgressAsync(string instanceId, CancellationToken cancellationToken)
    {
        var detail = await DetailAsync(instanceId, cancellationToken);
        return detail is null
            ? null
            : new InstanceProgress(detail.Summary, detail.FlowJson, detail.VisitedNodes, detail.TraversedEdges);
    }

    public async Task<TaskDetail?> GetTaskAsync(string taskId, UserContext user, CancellationToken cancellationToken)
    {
        TaskView view;
        try
        {
            view = await engine.GetTaskViewAsync(taskId, user.Id, cancellationToken);
        }
        catch (KeyNotFoundException)
        {
            return null;
        }
        catch (UnauthorizedAccessException denied)
        {
            throw await TaskDeniedAsync(taskId, denied, user, cancellationToken);
        }

        var instance = await DetailAsync(view.Task.InstanceId, cancellationToken);
        if (instance is null)
        {
            return null;
        }

        var actions = view.Actions.SelectMany(action => action == EngineTaskActions.AddSigner
            ? new[] { TaskActions.AddSignerBefore, TaskActions.AddSignerAfter }
            : [action]).ToList();
        var hidden = new HiddenData();
        hidden.Add(instance.Data, view.Form);
        var flow = await FlowAsync(view.Task.FlowKey, view.Task.FlowVersion, cancellationToken);
        return new TaskDetail(
            await ToWorkTaskAsync(view.Task, cancellationToken),
            WithoutHidden(instance, hidden) with { Data = view.Form },
            actions)
        {
            ReturnTargets = [.. view.ReturnTargets.Select(target => new ReturnTargetOption(
                target.NodeId, target.NodeName ?? NodeNameOf(flow, target.NodeId), target.IsInitiator))],
            FieldAccess = view.FieldAccess,
        };
    }

    public async Task<IReadOnlyList<KeptRowWarning>> ActAsync(
        string taskId, TaskActionRequest request, UserContext user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Action))
        {
            throw InvalidInputException.MissingProperty(
                "$.action", "The task action is missing on task {0}; set action to one of {1}.", taskId,
                string.Join(", ", TaskActions.Accepted));
        }

        if (!TaskActions.Accepted.Contains(request.Action, StringComparer.Ordinal))
        {
            throw WorkflowEngine.UnknownTaskAction(request.Action, taskId, TaskActions.Accepted);
        }

        if (request.Action == TaskActions.Urge)
        {
            var task = await engine.GetTaskAsync(taskId, cancellationToken)
                ?? throw NotFoundException.Task(taskId);
            try
            {
                await UrgeAsync(task.InstanceId, request.Comment, user, cancellationToken);
            }
            catch (AccessDeniedException denied) when (denied.NotFound is not null)
            {
                // The caller named a task, so the reply words it as a missing task rather than a missing instance.
                throw new AccessDeniedException(denied.Message, denied)
                {
                    NotFound = NotFoundException.Task(taskId),
                };
            }

            return [];
        }

        TaskActionResult result;
        try
        {
            result = await engine.ActAsync(
                new EngineTaskRequest(taskId, request.Action, user.Id)
                {
                    Comment = request.Comment,
                    FormChanges = request.Changes,
                    TargetUserId = request.TargetUserId,
                    TargetNodeId = request.TargetNodeId,
                    SignerPosition = request.SignerPosition,
                    Culture = System.Globalization.CultureInfo.GetCultureInfo(
                        user.Culture.StartsWith("zh", StringComparison.Ordinal) ? "zh-CN" : "en"),
                },
                cancellationToken);
        }
        catch (WorkflowKit.Forms.InvalidSubmissionException invalid)
        {
            throw new FormValidationException([.. invalid.Errors.Select(error => new FieldError(error.Path, error.Message))]);
        }
        catch (UnauthorizedAccessException denied)
        {
            throw await TaskDeniedAsync(taskId, denied, user, cancellationToken);
        }
        catch (FieldAccessDeniedException denied)
        {
            throw new AccessDeniedException(denied.Message, denied);
        }
        catch (KeyNotFoundException missing)
        {
            throw NotFoundException.Task(taskId, missing);
        }

        DesignerLog.TaskActed(logger, taskId, result.Instance.Id, request.Action, user.Id);
        foreach (var kept in result.KeptRows)
        {
            DesignerLog.OwnerRowKept(logger, taskId, result.Instance.Id, kept.SubTable, kept.Row, kept.Owner, user.Id);
        }

        return [.. result.KeptRows.Select(kept => new KeptRowWarning(
            kept.SubTable,
            kept.Row,
            kept.Owner,
            $"Row {kept.Row} of sub-table '{kept.SubTable}' belongs to '{kept.Owner}', who submitted after this task " +
            $"was created, so the row was kept as '{kept.Owner}' submitted it and your copy of it was ignored. " +
            "Reload the task to see the current rows."))];
    }

    public async Task WithdrawAsync(
        string instanceId, string? comment, UserContext user, CancellationToken cancellationToken)
    {
        try
        {
            await engine.WithdrawAsync(instanceId, user.Id, comment, cancellationToken);
        }
        catch (UnauthorizedAccessException denied)
        {
            throw await InstanceDeniedAsync(instanceId, denied, user, cancellationToken);
        }
        catch (KeyNotFoundException missing)
        {
            throw NotFoundException.Instance(instanceId, missing);
        }
    }

    public async Task CancelAsync(
        string instanceId, string? reason, UserContext user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.IsInRole(RoleNames.Admin))
        {
            throw AccessDeniedException.CancelNotAllowed(instanceId, user.Id);
        }

        var trimmed = reason?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw InvalidInputException.MissingProperty(
                "$.reason",
                "Give a reason to cancel instance {0}; the audit trail keeps it for the initiator and the assignees.",
                instanceId);
        }

        if (trimmed.Length > WorkflowEngine.MaxCommentLength)
        {
            throw new ArgumentException(
                $"The reason to cancel instance {instanceId} is {trimmed.Length} characters long; write at most " +
                $"{WorkflowEngine.MaxCommentLength} characters.", nameof(reason));
        }

        try
        {
            await engine.CancelAsync(instanceId, user.Id, trimmed, cancellationToken);
        }
        catch (KeyNotFoundException missing)
        {
            throw NotFoundException.Instance(instanceId, missing);
        }
    }

    public async Task UrgeAsync(string instanceId, string? comment, UserContext user, CancellationToken cancellationToken)
    {
        try
        {
            await engine.UrgeAsync(instanceId, user.Id, comment, cancellationToken);
        }
        catch (UnauthorizedAccessException denied)
        {
            throw await InstanceDeniedAsync(instanceId, denied, user, cancellationToken);
        }
        catch (KeyNotFoundException missing)
        {
            throw NotFoundException.Instance(instanceId, missing);
        }
    }

    /// <summary>
    /// Wraps the engine's refusal of a task to a user who is not its assignee. The refusal names the assignee, so it
    /// is kept only for a user who may read the task's instance. Anyone else gets the reply of a missing task.
    /// </summary>
    private async Task<AccessDeniedException> TaskDeniedAsync(
        string taskId, UnauthorizedAccessException denied, UserContext user, CancellationToken cancellationToken)
    {
        var task = await engine.GetTaskAsync(taskId, cancellationToken);
        var readable = task is not null && await MayReadInstanceAsync(task.InstanceId, user, cancellationToken);
        if (!readable)
        {
            return new AccessDeniedException(denied.Message, denied) { NotFound = NotFoundException.Task(taskId) };
        }

        // The engine refuses a task to anyone but its assignee, so the refusal is worded from the task.
        return task!.Assignee != user.Id
            ? AccessDeniedException.TaskNotAssigned(taskId, task.Assignee, denied)
            : new AccessDeniedException(denied.Message, denied);
    }

    /// <summary>
    /// Wraps the engine's refusal of an instance action, which names the initiator, as <see cref="TaskDeniedAsync"/>
    /// does for a task.
    /// </summary>
    private async Task<AccessDeniedException> InstanceDeniedAsync(
        string instanceId, UnauthorizedAccessException denied, UserContext user, CancellationToken cancellationToken) =>
        new(denied.Message, denied)
        {
            NotFound = await MayReadInstanceAsync(instanceId, user, cancellationToken)
                ? null
                : NotFoundException.Instance(instanceId),
        };

    /// <summary>
    /// Returns whether <see cref="GetInstanceAsync"/> shows the instance to the user: administrators and process owners,
    /// its initiator, anyone who has or had a task on it, and its CC recipients. False when it does not exist.
    /// </summary>
    private async Task<bool> MayReadInstanceAsync(string instanceId, UserContext user, CancellationToken cancellationToken)
    {
        if (user.CanDesign)
        {
            return true;
        }

        var detail = await engine.GetInstanceAsync(instanceId, cancellationToken);
        if (detail is null)
        {
            return false;
        }

        if (detail.Instance.Initiator == user.Id || detail.Tasks.Any(task => task.Assignee == user.Id))
        {
            return true;
        }

        return await engine.GetCarbonCopyViewAsync(instanceId, user.Id, cancellationToken) is not null;
    }

    public async Task<MigrationPreview?> PlanMigrationToLatestAsync(
        string instanceId, UserContext user, CancellationToken cancellationToken)
    {
        RequireAdmin(user, instanceId);
        var instance = (await engine.GetInstanceAsync(instanceId, cancellationToken))?.Instance;
        if (instance is null)
        {
            return null;
        }

        var latest = await store.GetVersionAsync(DefinitionKinds.Flow, instance.FlowKey, null, cancellationToken);
        if (latest is null || latest.Version == instance.FlowVersion)
        {
            return null;
        }

        var plan = await engine.PlanMigrationAsync(instanceId, latest.Version, null, cancellationToken);
        return new MigrationPreview(
            plan,
            await FlowAsync(instance.FlowKey, instance.FlowVersion, cancellationToken),
            await FlowAsync(instance.FlowKey, latest.Version, cancellationToken),
            await NamesAsync(cancellationToken));
    }

    public async Task MigrateAsync(
        Runtime.Migration.MigrationPlan plan, UserContext user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        RequireAdmin(user, plan.InstanceId);
        await engine.MigrateInstanceAsync(plan, user.Id, cancellationToken);
    }

    private static void RequireAdmin(UserContext user, string instanceId)
    {
        if (!user.IsInRole(RoleNames.Admin))
        {
            throw new AccessDeniedException(
                $"Only administrators may migrate instance {instanceId} to another flow version; {user.Id} is not one.");
        }
    }

    public async Task<InstanceDetail?> GetInstanceAsync(
        string instanceId, UserContext user, CancellationToken cancellationToken)
    {
        var detail = await VisibleDetailAsync(instanceId, user, cancellationToken);
        return detail is null ? null : await WithLinkedLinesAsync(detail, user, cancellationToken);
    }

    /// <summary>
    /// Returns the instance as the user may see it, with its own trail only. Throws <see cref="AccessDeniedException"/>
    /// when the user may not see it.
    /// </summary>
    private async Task<InstanceDetail?> VisibleDetailAsync(
        string instanceId, UserContext user, CancellationToken cancellationToken)
    {
        var detail = await DetailAsync(instanceId, cancellationToken);
        if (detail is null)
        {
            return null;
        }

        if (user.CanDesign || detail.Summary.InitiatorId == user.Id)
        {
            return detail;
        }

        var ownTasks = detail.Tasks.Where(task => task.AssigneeId == user.Id).ToList();
        var copied = await engine.GetCarbonCopyViewAsync(instanceId, user.Id, cancellationToken);
        if (ownTasks.Count == 0 && copied is null)
        {
            throw new AccessDeniedException(
                $"Instance {instanceId} is visible to its initiator, assignees and CC recipients only.")
            {
                NotFound = NotFoundException.Instance(instanceId),
            };
        }

        // An assignee gets the data that the task views of their tasks return, and a CC recipient what the CC
        // nodes that copied them show, so a field hidden at any of their nodes stays hidden here too.
        var hidden = new HiddenData();
        if (copied is not null)
        {
            hidden.Add(detail.Data, copied);
        }

        foreach (var task in ownTasks)
        {
            try
            {
                var view = await engine.GetTaskViewAsync(task.Id, user.Id, cancellationToken);
                hidden.Add(detail.Data, view.Form);
            }
            catch (UnauthorizedAccessException denied)
            {
                throw new AccessDeniedException(denied.Message, denied);
            }
        }

        var withoutHidden = WithoutHidden(detail, hidden);
        var flow = await FlowAsync(detail.Summary.FlowKey, detail.Summary.FlowVersion, cancellationToken);
        if (await TitleFieldAsync(flow, detail.Summary.FlowVersion, cancellationToken) is { } titleField
            && hidden.Paths.Contains(titleField, StringComparer.Ordinal))
        {
            // The title repeats a field the viewer may not see, on the summary and on every task of the instance.
            withoutHidden = withoutHidden with
            {
                Summary = withoutHidden.Summary with { Title = null },
                Tasks = [.. withoutHidden.Tasks.Select(task => task with { Title = null })],
            };
        }

        return withoutHidden;
    }

    public Task<TestRunResult> TestRunAsync(string flowJson, JsonObject input, CancellationToken cancellationToken) =>
        Task.FromResult(testRunner.Run(flowJson, input, cancellationToken));

    private async Task<InstanceDetail?> DetailAsync(string instanceId, CancellationToken cancellationToken)
    {
        var detail = await engine.GetInstanceAsync(instanceId, cancellationToken);
        if (detail is null)
        {
            return null;
        }

        var history = await engine.GetHistoryAsync(instanceId, cancellationToken);
        var flow = await FlowAsync(detail.Instance.FlowKey, detail.Instance.FlowVersion, cancellationToken);
        var names = await NamesAsync(cancellationToken);
        var tasks = new List<WorkTask>();
        foreach (var task in detail.Tasks)
        {
            tasks.Add(await ToWorkTaskAsync(task, cancellationToken));
        }

        var visited = history.Where(entry => entry.Action == AuditActions.NodeEntered && entry.NodeId is not null)
            .Select(entry => entry.NodeId!).Distinct(StringComparer.Ordinal).ToList();
        var edges = history.Select(entry => entry.Details?["edge"]?.GetValue<string>()).OfType<string>().ToList();
        var summary = await WithWaitsAsync(
            await SummarizeAsync(detail.Instance, detail.Incidents.Count > 0, cancellationToken), detail, cancellationToken);
        var changes = AuditFormChanges.ByLine(history);
        return new InstanceDetail(
            summary,
            detail.Instance.Form,
            DefinitionJson.Serialize(flow),
            await BoundFormJsonAsync(flow, detail.Instance.FlowVersion, cancellationToken),
            visited,
            edges,
            tasks,
            [.. history
                .Where(entry => !IsAutomaticStepLine(entry.Actor, AuditAction(entry)) || changes.ContainsKey(entry.Id))
                .Select(entry => new AuditEntry(
                    entry.At, entry.Actor, names.GetValueOrDefault(entry.Actor, entry.Actor), AuditAction(entry),
                    entry.NodeId, entry.Comment, changes.GetValueOrDefault(entry.Id))
                {
                    TargetName = TargetsOf(entry) is { Count: > 0 } targets
                        ? string.Join(", ", targets.Select(target => names.GetValueOrDefault(target, target)))
                        : null,
                    Migration = MigrationOf(entry),
                    ChildInstanceId = entry.Action == AuditActions.SubFlowStarted
                        ? entry.Details?["child"]?.GetValue<string>()
                        : null,
                    Record = RecordOf(entry),
                    OnBehalfOfName = entry.Details?["onBehalfOf"]?.GetValue<string>() is { } onBehalfOf
                        ? names.GetValueOrDefault(onBehalfOf, onBehalfOf)
                        : null,
                    LocalizedComment = entry.Details?["comment"] is JsonObject comment
                        ? comment.Deserialize<LocalizedText>()
                        : null,
                })])
        {
            Incidents = [.. detail.Incidents.Select(incident => IncidentSummary.From(incident, summary, flow))],
        };
    }

    private static InstanceDetail WithoutHidden(InstanceDetail detail, HiddenData hidden) => detail with
    {
        Data = hidden.RemoveFrom(detail.Data),
        HiddenFields = hidden.Paths,
        Audit = [.. detail.Audit
            .Select(entry => entry.Changes is null ? entry : entry with { Changes = hidden.RemoveFromChanges(entry.Changes) })
            .Where(entry => !IsAutomaticStepLine(entry.UserId, entry.Action) || entry.Changes is { Count: > 0 })],
    };

    /// <summary>
    /// The portal's names (see <see cref="AuditAction"/>) of the engine's bookkeeping lines: the steps it entered and
    /// completed, such as a script it ran, the timers and replies it received, and the tasks it created or closed.
    /// </summary>
    private static readonly HashSet<string> BookkeepingActions = new(StringComparer.Ordinal)
    {
        Runtime.Audit.AuditActions.NodeEntered,
        Runtime.Audit.AuditActions.NodeCompleted,
        Runtime.Audit.AuditActions.TimerFired,
        Runtime.Audit.AuditActions.Signal,
        Runtime.Audit.AuditActions.HttpReplied,
        Runtime.Audit.AuditActions.Incident,
        Runtime.Audit.AuditActions.IncidentRetried,
        Runtime.Audit.AuditActions.TaskCreated[Runtime.Audit.AuditActions.TaskActionPrefix.Length..],
        Runtime.Audit.AuditActions.TaskCancelled[Runtime.Audit.AuditActions.TaskActionPrefix.Length..],
    };

    /// <summary>
    /// Returns whether a line, by its portal action name, is the engine's bookkeeping of a step. The trail lists such
    /// a line only for the form changes it carries, so it drops the line when the viewer may see none of them. The
    /// system's decisions and events on tasks, such as an approval on timeout, a reminder, an overdue mark or an
    /// escalation, are not bookkeeping and are always listed, and so is the instance's end.
    /// </summary>
    private static bool IsAutomaticStepLine(string actor, string action) =>
        actor == "system" && BookkeepingActions.Contains(action);

    private static AuditMigration? MigrationOf(Runtime.Audit.AuditEntry entry) =>
        entry.Action == AuditActions.InstanceMigrated
            && entry.Details?["fromVersion"] is JsonValue from && from.TryGetValue<int>(out var fromVersion)
            && entry.Details?["toVersion"] is JsonValue to && to.TryGetValue<int>(out var toVersion)
            ? new AuditMigration(fromVersion, toVersion)
            : null;

    /// <summary>
    /// Returns the user ids a task line names as its target: the user it went to, the signer, or every user of an
    /// escalation.
    /// </summary>
    private static IReadOnlyList<string> TargetsOf(Runtime.Audit.AuditEntry entry)
    {
        if (!entry.Action.StartsWith("task.", StringComparison.Ordinal))
        {
            return [];
        }

        return (entry.Details?["to"] ?? entry.Details?["signer"]) switch
        {
            JsonValue value when value.TryGetValue<string>(out var target) => [target],
            JsonArray users => [.. users.OfType<JsonValue>().Select(user => user.GetValue<string>())],
            _ => [],
        };
    }

    /// <summary>The portal's action name of a return to the initiator, which the engine records as its own line.</summary>
    private const string ReturnToInitiatorAction = "returnToInitiator";

    /// <summary>
    /// Returns the action name that the portal labels. The engine records every added signer as
    /// <c>addSigner</c> with the position in its details, so the name takes the position back.
    /// </summary>
    private static string AuditAction(Runtime.Audit.AuditEntry entry)
    {
        if (!entry.Action.StartsWith("task.", StringComparison.Ordinal))
        {
            return entry.Action == AuditActions.InstanceStarted ? "start" : entry.Action;
        }

        if (entry.Action == AuditActions.ReturnedToInitiator)
        {
            return ReturnToInitiatorAction;
        }

        var action = entry.Action["task.".Length..];
        if (action != Runtime.Tasks.TaskActions.AddSigner)
        {
            return action;
        }

        return entry.Details?["position"]?.GetValue<string>() == "before"
            ? Runtime.Tasks.TaskActions.AddSignerBefore
            : Runtime.Tasks.TaskActions.AddSignerAfter;
    }

    private async Task<IReadOnlyList<WorkTask>> TasksAsync(TaskQuery query, CancellationToken cancellationToken)
    {
        var result = new List<WorkTask>();
        foreach (var task in await engine.QueryTasksAsync(query, cancellationToken))
        {
            result.Add(await ToWorkTaskAsync(task, cancellationToken));
        }

        return [.. result.OrderByDescending(task => task.CreatedAt)];
    }

    private async Task<WorkTask> ToWorkTaskAsync(EngineTask task, CancellationToken cancellationToken)
    {
        var flow = await FlowAsync(task.FlowKey, task.FlowVersion, cancellationToken);
        var node = flow.Nodes.FirstOrDefault(n => n.Id == task.NodeId);
        var instance = (await engine.GetInstanceAsync(task.InstanceId, cancellationToken))?.Instance;
        var names = await NamesAsync(cancellationToken);
        var initiator = instance?.Initiator ?? string.Empty;
        return new WorkTask(
            task.Id, task.InstanceId, task.FlowKey, flow.Name, task.FlowVersion, task.NodeId,
            node?.Name ?? new LocalizedText(task.NodeId), node?.Type ?? task.Kind, task.Assignee,
            task.OriginalAssignee, initiator,
            names.GetValueOrDefault(initiator, initiator),
            instance is null || node is not null && await HidesTitleAsync(flow, task.FlowVersion, node, cancellationToken)
                ? null
                : await TitleAsync(flow, task.FlowVersion, instance.Form, cancellationToken),
            task.CreatedAt, task.DueAt, TaskStateOf(task.Status), task.Outcome, task.CompletedAt)
        {
            AssigneeName = names.GetValueOrDefault(task.Assignee),
            ReturnNote = node?.Type == NodeTypes.Start && task.Status == TaskStatuses.Open
                ? await ReturnNoteAsync(task.InstanceId, flow, names, cancellationToken)
                : null,
        };
    }

    /// <summary>Describes the latest return of the instance to its initiator, for the resubmission task.</summary>
    private async Task<TaskReturnNote?> ReturnNoteAsync(
        string instanceId, FlowDefinition flow, IReadOnlyDictionary<string, string> names,
        CancellationToken cancellationToken)
    {
        var note = await engine.GetReturnNoteAsync(instanceId, cancellationToken);
        return note is null
            ? null
            : new TaskReturnNote(
                note.ReturnedBy, names.GetValueOrDefault(note.ReturnedBy, note.ReturnedBy),
                NodeNameOf(flow, note.FromNodeId), note.Comment, note.At)
            {
                LocalizedComment = note.LocalizedComment,
            };
    }

    private async Task<IReadOnlyList<InstanceSummary>> SummarizeIdsAsync(
        IEnumerable<string> ids, UserContext viewer, CancellationToken cancellationToken)
    {
        var result = new List<InstanceSummary>();
        foreach (var id in ids)
        {
            if (await engine.GetInstanceAsync(id, cancellationToken) is { } detail)
            {
                var summary = await WithWaitsAsync(
                    await SummarizeAsync(detail.Instance, detail.Incidents.Count > 0, cancellationToken), detail,
                    cancellationToken);
                result.Add(await MayHideTitleAsync(detail.Instance, viewer, cancellationToken)
                    ? summary with { Title = null }
                    : summary);
            }
        }

        return result;
    }

    /// <summary>
    /// Whether a list may not show <paramref name="viewer"/> the instance's title: the viewer sees less than the whole
    /// form, and some node of the instance's flow version hides the title field. Lists do not work out each viewer's
    /// hidden fields per instance, so they leave the title out whenever any node hides it.
    /// </summary>
    private async Task<bool> MayHideTitleAsync(
        WorkflowInstance instance, UserContext viewer, CancellationToken cancellationToken)
    {
        if (viewer.CanDesign || instance.Initiator == viewer.Id)
        {
            return false;
        }

        var flow = await FlowAsync(instance.FlowKey, instance.FlowVersion, cancellationToken);
        var field = await TitleFieldAsync(flow, instance.FlowVersion, cancellationToken);
        return field is not null && flow.Nodes.Any(node => Hides(node, field));
    }

    private static bool Hides(NodeDefinition node, string field) =>
        node.FieldPermissions?.GetValueOrDefault(field)?.Access == FieldPermission.Hidden;

    private async Task<IReadOnlyList<InstanceSummary>> SummarizeAllAsync(
        IEnumerable<WorkflowInstance> instances, CancellationToken cancellationToken)
    {
        var stuck = (await engine.GetIncidentsAsync(null, openOnly: true, cancellationToken))
            .Select(incident => incident.InstanceId)
            .ToHashSet(StringComparer.Ordinal);

        // NOTE: reads each running instance's tokens and tasks, one instance at a time, so that timers, joins and
        // sub-flows show where they wait. A list of 1,000 running instances makes 1,000 such reads.
        var result = new List<InstanceSummary>();
        foreach (var instance in instances)
        {
            var summary = await SummarizeAsync(instance, stuck.Contains(instance.Id), cancellationToken);
            if (instance.Status == InstanceStatuses.Running
                && await engine.GetInstanceAsync(instance.Id, cancellationToken) is { } detail)
            {
                summary = await WithWaitsAsync(summary, detail, cancellationToken);
            }

            result.Add(summary);
        }

        return [.. result.OrderByDescending(i => i.StartedAt)];
    }

    /// <summary>
    /// Summarizes an instance for lists. <paramref name="hasOpenIncidents"/> is true when a node of it stopped at an
    /// incident that is still open.
    /// </summary>
    private async Task<InstanceSummary> SummarizeAsync(
        WorkflowInstance instance, bool hasOpenIncidents, CancellationToken cancellationToken)
    {
        var flow = await FlowAsync(instance.FlowKey, instance.FlowVersion, cancellationToken);
        var names = await NamesAsync(cancellationToken);
        return new InstanceSummary(
            instance.Id, instance.FlowKey, flow.Name, instance.FlowVersion, flow.Form ?? string.Empty,
            instance.Initiator, names.GetValueOrDefault(instance.Initiator, instance.Initiator),
            State(instance.Status), await TitleAsync(flow, instance.FlowVersion, instance.Form, cancellationToken),
            instance.StartedAt,
            instance.EndedAt, [])
        {
            NeedsAttention = hasOpenIncidents && instance.Status == InstanceStatuses.Running,
        };
    }

    public async Task<string?> GetStartFormJsonAsync(string flowKey, int flowVersion, CancellationToken cancellationToken)
    {
        if (await definitions.GetVersionJsonAsync(DefinitionKind.Flow, flowKey, flowVersion, cancellationToken) is null)
        {
            return null;
        }

        var flow = await FlowAsync(flowKey, flowVersion, cancellationToken);
        return await BoundFormJsonAsync(flow, flowVersion, cancellationToken);
    }

    private async Task<FlowDefinition> FlowAsync(string key, int version, CancellationToken cancellationToken)
    {
        if (_flows.TryGetValue((key, version), out var cached))
        {
            return cached;
        }

        var json = await definitions.GetVersionJsonAsync(DefinitionKind.Flow, key, version, cancellationToken)
            ?? throw new InvalidOperationException($"Flow '{key}' version {version} is missing from the store.");
        return _flows[(key, version)] = DefinitionJson.Deserialize<FlowDefinition>(json);
    }

    /// <summary>
    /// Reads the form version that the flow version was published with. The engine validates and runs
    /// that version's instances on this form. A flow published before bindings existed gets the latest form.
    /// </summary>
    private async Task<string?> BoundFormJsonAsync(
        FlowDefinition flow, int flowVersion, CancellationToken cancellationToken)
    {
        if (flow.Form is null)
        {
            return null;
        }

        var bound = await store.GetBoundFormVersionAsync(flow.Key, flowVersion, cancellationToken);
        return bound is { } formVersion
            ? await definitions.GetVersionJsonAsync(DefinitionKind.Form, flow.Form, formVersion, cancellationToken)
            : await LatestFormJsonAsync(flow.Form, cancellationToken);
    }

    private async Task<string?> LatestFormJsonAsync(string? formKey, CancellationToken cancellationToken)
    {
        if (formKey is null)
        {
            return null;
        }

        var history = await definitions.GetHistoryAsync(DefinitionKind.Form, formKey, cancellationToken);
        return history.Count == 0
            ? null
            : await definitions.GetVersionJsonAsync(
                DefinitionKind.Form, formKey, history[^1].Version, cancellationToken);
    }

    private async Task<Dictionary<string, string>> NamesAsync(CancellationToken cancellationToken) =>
        (await accounts.ListAsync(cancellationToken))
            .ToDictionary(user => user.Id, user => user.DisplayName, StringComparer.Ordinal);

    /// <summary>
    /// Reads the title of an instance's form data: the title field (else the first field) of the form version that
    /// the instance's flow version is bound to, so a later form version with another title field changes nothing.
    /// </summary>
    private async Task<string?> TitleAsync(
        FlowDefinition flow, int flowVersion, JsonObject form, CancellationToken cancellationToken)
    {
        var field = await TitleFieldAsync(flow, flowVersion, cancellationToken);
        return field is null ? null : form[field]?.ToString();
    }

    private async Task<bool> HidesTitleAsync(
        FlowDefinition flow, int flowVersion, NodeDefinition node, CancellationToken cancellationToken) =>
        await TitleFieldAsync(flow, flowVersion, cancellationToken) is { } field && Hides(node, field);

    private async Task<string?> TitleFieldAsync(FlowDefinition flow, int flowVersion, CancellationToken cancellationToken)
    {
        if (flow.Form is null)
        {
            return null;
        }

        if (!_titleFields.TryGetValue((flow.Key, flowVersion), out var field))
        {
            var json = await BoundFormJsonAsync(flow, flowVersion, cancellationToken);
            var definition = json is null ? null : DefinitionJson.Deserialize<FormDefinition>(json);
            field = _titleFields[(flow.Key, flowVersion)] = definition?.TitleField ?? definition?.Fields.FirstOrDefault()?.Id;
        }

        return field;
    }

    private static InstanceState State(string status) => status switch
    {
        InstanceStatuses.Running => InstanceState.Running,
        InstanceStatuses.Completed => InstanceState.Completed,
        InstanceStatuses.Rejected => InstanceState.Rejected,
        InstanceStatuses.Withdrawn => InstanceState.Withdrawn,
        InstanceStatuses.Cancelled => InstanceState.Cancelled,
        _ => InstanceState.Faulted,
    };

    private static TaskState TaskStateOf(string status) => status switch
    {
        TaskStatuses.Open => TaskState.Open,
        TaskStatuses.Completed => TaskState.Completed,
        _ => TaskState.Cancelled,
    };
}
