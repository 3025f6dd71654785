using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Flows;
using System.Text.Json.Nodes;
using WorkflowKit.Runtime.Audit;
using WorkflowKit.Runtime.Expressions;
using WorkflowKit.Runtime.Graph;
using WorkflowKit.Runtime.Incidents;
using WorkflowKit.Runtime.Notifications;
using WorkflowKit.Runtime.Storage;
using WorkflowKit.Runtime.Timers;
using WorkflowKit.Storage;

namespace WorkflowKit.Runtime.Execution;

/// <summary>
/// One engine step on one instance: the loaded state, the changes made so far, and the
/// transaction they are written through. Nothing of the instance is written before
/// <see cref="PersistAsync"/>; record and sub-flow nodes write earlier through
/// <see cref="StepTransaction.WriteAsync"/>.
/// </summary>
internal sealed class StepContext
{
    private readonly HashSet<TokenRecord> _dirtyTokens = [];
    private readonly HashSet<TaskRecord> _dirtyTasks = [];
    private readonly Dictionary<string, JsonNode?> _dirtyVars = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonNode?> _loadedVars = new(StringComparer.Ordinal);
    private readonly bool _isNew;
    private readonly long _expectedVersion;

    // The form as the audit lines written so far leave it: the loaded form, or the last snapshot or stored change
    // list. Never mutated, only replaced.
    private JsonObject _auditedForm;

    public StepContext(
        string step,
        StepTransaction unit,
        FlowGraph graph,
        InstanceRecord instance,
        List<TokenRecord> tokens,
        List<TaskRecord> tasks,
        JsonObject vars,
        bool isNew,
        DateTimeOffset now)
    {
        Step = step;
        Unit = unit;
        Graph = graph;
        Instance = instance;
        Tokens = tokens;
        Tasks = tasks;
        Vars = vars;
        Now = now;
        _isNew = isNew;
        _expectedVersion = instance.Version;
        _auditedForm = (JsonObject)instance.Form.DeepClone();
        LoadedForm = isNew ? [] : (JsonObject)instance.Form.DeepClone();
    }

    public string Step { get; }

    /// <summary>The form data as the step loaded it; empty for an instance that the step creates.</summary>
    public JsonObject LoadedForm { get; }

    /// <summary>The step's transaction, shared with the sub-flow instances it starts.</summary>
    public StepTransaction Unit { get; }

    /// <summary>
    /// The transaction to read through: a read transaction until the step begins writing, then the
    /// write transaction. Writes go through <see cref="StepTransaction.WriteAsync"/>.
    /// </summary>
    public IStorageTransaction Transaction => Unit.Current;

    public FlowGraph Graph { get; }

    public InstanceRecord Instance { get; }

    /// <summary>Live tokens when loaded, plus every token created or changed in this step.</summary>
    public List<TokenRecord> Tokens { get; }

    /// <summary>Every task of the instance, including those created or changed in this step.</summary>
    public List<TaskRecord> Tasks { get; }

    public JsonObject Vars { get; }

    public DateTimeOffset Now { get; }

    /// <summary>The workday calendar for deadlines, read once when the step starts.</summary>
    public WorkdayCalendar Calendar { get; init; } = WorkdayCalendar.Weekends;

    public JsonObject? InitiatorJson { get; set; }

    /// <summary>
    /// The delegations in force, read once per step by <c>HumanTaskHandler.LoadDelegationsAsync</c> before the step
    /// assigns tasks; null until then.
    /// </summary>
    public Delegations.DelegationsInForce? Delegations { get; set; }

    /// <summary>
    /// Who may take a node's task when its delegations loop, by node id, read by
    /// <c>HumanTaskHandler.LoadLoopHoldersAsync</c>; a node missing here has none.
    /// </summary>
    public Dictionary<string, Delegations.LoopCandidates> LoopCandidates { get; } = new(StringComparer.Ordinal);

    public List<TimerRecord> NewTimers { get; } = [];

    public List<string> CancelledTimerTasks { get; } = [];

    public List<string> CancelledTimerTokens { get; } = [];

    public bool CancelAllTimers { get; set; }

    public bool CancelPendingOutbox { get; set; }

    public List<OutboxRecord> NewOutbox { get; } = [];

    public List<AuditEntry> Audit { get; } = [];

    public List<Notification> Notifications { get; } = [];

    /// <summary>
    /// A rejection or return notice for the initiator, added at persist time unless the step already notified the
    /// initiator with the same kind (a return whose new task is the initiator's announces itself).
    /// </summary>
    public Notification? InitiatorNotice { get; set; }

    public List<Incident> Incidents { get; } = [];

    public List<IncidentResolution> ResolvedIncidents { get; } = [];

    public List<TaskAssignment> Assignments { get; } = [];

    /// <summary>Sub-flow instances started in this step, persisted with it.</summary>
    public List<StepContext> Children { get; } = [];

    /// <summary>Sub-flow instances whose parent ended while they ran; the step cancels them too.</summary>
    public List<string> OrphanedChildren { get; } = [];

    /// <summary>Set when the instance finished in this step.</summary>
    public bool Finished { get; set; }

    public bool WasFinishedBefore { get; init; }

    public int NodesRun { get; set; }

    /// <summary>How many parents this instance has; bounds sub-flows that start themselves.</summary>
    public int Depth { get; set; }

    /// <summary>Set for a sub-flow started inside its parent's step: the parent reads its end directly.</summary>
    public bool ParentHandled { get; set; }

    /// <summary>
    /// The user whose action runs this step: the starter, the user who acted on a task, cancelled, withdrew or
    /// signalled, or for a sub-flow the user whose action ran its parent's step. Timers, outbox replies and other
    /// background steps keep <c>system</c>. The record writes of createRecord and updateRecord nodes, and the incidents
    /// and sub-flows that the step resolves or cancels, name this user. Automatic nodes still audit as <c>system</c>.
    /// </summary>
    public string ActorForAudit { get; set; } = "system";

    /// <summary>
    /// The return that this step performs, or null. Tasks that the step creates at its target node notify their
    /// assignees that the submission was returned, by whom and why, instead of announcing a new task.
    /// </summary>
    public ReturnNotice? PendingReturn { get; set; }

    public JsonObject Nodes => Instance.State["nodes"] as JsonObject ?? (JsonObject)(Instance.State["nodes"] = new JsonObject());

    public JsonObject Activations =>
        Instance.State["activations"] as JsonObject ?? (JsonObject)(Instance.State["activations"] = new JsonObject());

    public IEnumerable<TokenRecord> LiveTokens => Tokens.Where(token => token.IsLive);

    public IEnumerable<TaskRecord> OpenTasks => Tasks.Where(task => task.Status == TaskStatuses.Open);

    /// <summary>
    /// The id of the record that the start stored its form in (<c>settings.startCreatesRecord</c>, kept in
    /// <c>vars.recordId</c>), or null when the flow stores none.
    /// </summary>
    public long? StartRecordId =>
        Graph.Published.Flow.Settings?.StartCreatesRecord == true
        && Vars["recordId"] is JsonValue id && id.TryGetValue(out long recordId)
            ? recordId
            : null;

    public ExpressionScope Scope(JsonNode? record = null, JsonNode? row = null) =>
        new(Instance.Form, Vars, InitiatorJson ?? new JsonObject { ["id"] = Instance.Initiator }, Nodes)
        {
            Params = ParameterTypes.ToScope(Graph.Published.Flow.Parameters),
            Record = record,
            Row = row,
            Now = Now,
            TimeZone = TimeZone,
            QueryRecords = QueryRecords,
        };

    /// <summary>The reader behind <c>records.query</c>, reading inside <see cref="Transaction"/>.</summary>
    public Func<string, JsonObject, IReadOnlyList<JsonObject>>? QueryRecords { get; set; }

    /// <summary>The flow's time zone, for scripts' local-time Date methods.</summary>
    public TimeZoneInfo? TimeZone { get; init; }

    public string NewId() => Guid.CreateVersion7(Now).ToString("N");

    public long NextSeq()
    {
        var next = (Instance.State["seq"]?.GetValue<long>() ?? 0) + 1;
        Instance.State["seq"] = next;
        return next;
    }

    public TokenRecord NewToken(string nodeId, string? edgeId, string scope, List<string> trail)
    {
        var token = new TokenRecord
        {
            Id = NewId(),
            InstanceId = Instance.Id,
            NodeId = nodeId,
            EdgeId = edgeId,
            Scope = scope,
            Trail = trail,
            Status = TokenStatuses.Active,
            Seq = NextSeq(),
            CreatedAt = Now,
            UpdatedAt = Now,
        };
        Tokens.Add(token);
        Touch(token);
        return token;
    }

    public void Touch(TokenRecord token)
    {
        token.UpdatedAt = Now;
        _dirtyTokens.Add(token);
    }

    public void Touch(TaskRecord task)
    {
        _dirtyTasks.Add(task);
    }

    public void AddTask(TaskRecord task)
    {
        Tasks.Add(task);
        _dirtyTasks.Add(task);
    }

    /// <summary>The variables that this step writes, each with its value before the step's first write of it.</summary>
    public IEnumerable<(JsonNode? Before, JsonNode? After)> WrittenVariables =>
        _dirtyVars.Select(pair => (_loadedVars.GetValueOrDefault(pair.Key), pair.Value));

    public void SetVar(string name, JsonNode? value)
    {
        _loadedVars.TryAdd(name, Vars[name]?.DeepClone());
        Vars[name] = value?.DeepClone();
        _dirtyVars[name] = value?.DeepClone();
    }

    public void ReplaceVars(JsonObject vars)
    {
        foreach (var (name, value) in vars)
        {
            if (!JsonNode.DeepEquals(Vars[name], value))
            {
                SetVar(name, value);
            }
        }
    }

    /// <summary>
    /// Adds an audit line. With <paramref name="snapshot"/>, the line stores the whole form. A <c>system</c> line that
    /// ends a node's run (<c>node.completed</c>, <c>incident.raised</c>) stores under
    /// <see cref="AuditFormChanges.DetailsKey"/> the fields changed since the last line with form data, so that the
    /// history credits an automatic step's changes to that step and not to the next person who acts.
    /// </summary>
    public void AddAudit(
        string actor, string action, string? nodeId = null, string? taskId = null, string? comment = null,
        bool snapshot = false, JsonObject? details = null)
    {
        JsonObject? form = null;
        if (snapshot)
        {
            form = (JsonObject)Instance.Form.DeepClone();
            _auditedForm = form;
        }
        else if (actor == "system" && action is (AuditActions.NodeCompleted or AuditActions.Incident)
            && AuditFormChanges.Diff(_auditedForm, Instance.Form) is { Count: > 0 } changes)
        {
            details ??= [];
            details[AuditFormChanges.DetailsKey] = changes;
            _auditedForm = (JsonObject)Instance.Form.DeepClone();
        }

        Audit.Add(new AuditEntry(0, Instance.Id, Now, actor, action, nodeId, taskId, comment, form, details));
    }

    public void Notify(string userId, string kind, string? nodeId, string? taskId, LocalizedText? message)
    {
        Notifications.Add(new Notification(NewId(), userId, Instance.Id, nodeId, taskId, kind, message, Now, null));
    }

    public async Task PersistAsync(IRuntimeStore store, CancellationToken cancellationToken)
    {
        Instance.UpdatedAt = Now;
        if (_isNew)
        {
            Instance.Version = 1;
            await store.InsertInstanceAsync(Transaction, Instance, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await store.UpdateInstanceAsync(Transaction, Instance, _expectedVersion, cancellationToken).ConfigureAwait(false);
            Instance.Version = _expectedVersion + 1;
        }

        if (_dirtyTokens.Count > 0)
        {
            await store.SaveTokensAsync(Transaction, _dirtyTokens, cancellationToken).ConfigureAwait(false);
        }

        if (_dirtyTasks.Count > 0)
        {
            await store.SaveTasksAsync(Transaction, _dirtyTasks, cancellationToken).ConfigureAwait(false);
        }

        if (Assignments.Count > 0)
        {
            await store.InsertTaskAssignmentsAsync(Transaction, Assignments, cancellationToken).ConfigureAwait(false);
        }

        if (_dirtyVars.Count > 0)
        {
            await store.SaveVariablesAsync(Transaction, Instance.Id, _dirtyVars, cancellationToken).ConfigureAwait(false);
        }

        await PersistSideTablesAsync(store, cancellationToken).ConfigureAwait(false);
        foreach (var child in Children)
        {
            await child.PersistAsync(store, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task PersistSideTablesAsync(IRuntimeStore store, CancellationToken cancellationToken)
    {
        if (CancelAllTimers)
        {
            await store.CancelTimersAsync(Transaction, Instance.Id, null, null, cancellationToken).ConfigureAwait(false);
        }
        else if (CancelledTimerTasks.Count > 0 || CancelledTimerTokens.Count > 0)
        {
            await store.CancelTimersAsync(
                Transaction, Instance.Id, CancelledTimerTasks, CancelledTimerTokens, cancellationToken).ConfigureAwait(false);
        }

        var liveTimers = NewTimers.Where(timer => !CancelAllTimers).ToList();
        if (liveTimers.Count > 0)
        {
            await store.InsertTimersAsync(Transaction, liveTimers, cancellationToken).ConfigureAwait(false);
        }

        if (CancelPendingOutbox)
        {
            await store.CancelOutboxAsync(Transaction, Instance.Id, cancellationToken).ConfigureAwait(false);
        }

        if (NewOutbox.Count > 0)
        {
            await store.InsertOutboxAsync(Transaction, NewOutbox, cancellationToken).ConfigureAwait(false);
        }

        if (Incidents.Count > 0)
        {
            await store.InsertIncidentsAsync(Transaction, Incidents, cancellationToken).ConfigureAwait(false);
        }

        foreach (var resolution in ResolvedIncidents)
        {
            await store.ResolveIncidentAsync(Transaction, resolution, Now, cancellationToken)
                .ConfigureAwait(false);
        }

        if (Audit.Count > 0)
        {
            await store.InsertAuditAsync(Transaction, Audit, cancellationToken).ConfigureAwait(false);
        }

        if (InitiatorNotice is { } notice
            && !Notifications.Any(note => note.UserId == notice.UserId && note.Kind == notice.Kind))
        {
            Notifications.Add(notice);
        }

        if (Notifications.Count > 0)
        {
            await store.InsertNotificationsAsync(Transaction, Notifications, cancellationToken).ConfigureAwait(false);
        }
    }
}
