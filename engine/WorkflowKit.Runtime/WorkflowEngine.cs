using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Organization;
using WorkflowKit.Permissions;
using WorkflowKit.Records;
using WorkflowKit.Runtime.Definitions;
using WorkflowKit.Runtime.Diagnostics;
using WorkflowKit.Runtime.Execution;
using WorkflowKit.Runtime.Expressions;
using WorkflowKit.Runtime.Instances;
using WorkflowKit.Runtime.Outbox;
using WorkflowKit.Runtime.Storage;
using WorkflowKit.Storage;

using WorkflowKit.Runtime.Triggers;

namespace WorkflowKit.Runtime;

/// <summary>
/// The durable workflow engine. Every call that changes an instance is one step: it loads the
/// instance, moves its tokens until each waits, and commits all changes (instance, tokens,
/// tasks, variables, timers, outbox, audit, notifications, record writes) in one transaction,
/// guarded by the instance's version. Side effects leave through the outbox afterwards.
/// </summary>
public sealed partial class WorkflowEngine
{
    private static readonly HttpClient SharedHttp = new(new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),

        // HttpNodeCall follows redirects itself, after checking each target against EngineOptions.HttpAllowedHosts.
        AllowAutoRedirect = false,
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    private readonly EngineServices _services;
    private readonly FlowRunner _runner;
    private readonly Triggers.RecordTriggerRegistry _recordTriggers;
    private readonly SemaphoreSlim _workSignal = new(0, 1);

    public WorkflowEngine(
        IDatabase database,
        IRuntimeStore store,
        IFlowDefinitionSource definitions,
        IFlowExpressions expressions,
        IOrganizationDirectory organization,
        IRecordStore records,
        TimeProvider time,
        EngineOptions? options = null,
        ILogger<WorkflowEngine>? logger = null,
        IHttpClientFactory? httpClientFactory = null,
        IEnumerable<INotificationChannel>? channels = null,
        IFaultInjector? faults = null,
        IEnumerable<Services.IFlowService>? flowServices = null,
        RecordAccess? recordAccess = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(definitions);
        ArgumentNullException.ThrowIfNull(expressions);
        ArgumentNullException.ThrowIfNull(organization);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(time);
        _recordTriggers = new Triggers.RecordTriggerRegistry();
        Records = new Triggers.TriggeringRecordStore(records, _recordTriggers, database, store, expressions, time);
        var reader = recordAccess is null ? null : ReaderOver(records, recordAccess);
        _services = new EngineServices
        {
            Database = database,
            Store = store,
            Definitions = definitions,
            Expressions = expressions,
            Organization = organization,
            Records = Records,
            RecordForms = records as IRecordFormRegistry,
            Formulas = new Records.EngineFormulas(time),
            FormChecks = new Records.FormChecks(organization, Records, reader, time, options?.Files),
            Time = time,
            Options = options ?? new EngineOptions(),
            Logger = logger ?? (ILogger)NullLogger.Instance,
            Faults = faults ?? NoFaults.Instance,
            HttpClients = httpClientFactory is null ? () => SharedHttp : () => httpClientFactory.CreateClient(HttpClientName),
            Channels = (channels ?? []).ToDictionary(channel => channel.Name, StringComparer.Ordinal),
            FlowServices = (flowServices ?? []).ToDictionary(service => service.Name, StringComparer.Ordinal),
            Reader = reader,
        };
        _runner = new FlowRunner(_services) { StartChild = StartChildAsync };
    }

    /// <summary>
    /// The reader that checks related-record and lookup fields of a start or a resubmission with the initiator's data
    /// permissions, so an initiator can only name records they may read.
    /// </summary>
    private static RecordReader ReaderOver(IRecordStore records, RecordAccess access) =>
        records is IRecordQueries queries and IRecordFormRegistry forms
            ? new RecordReader(records, queries, forms, access)
            : throw new ArgumentException(
                $"The record store {records.GetType().Name} does not implement IRecordQueries and IRecordFormRegistry, " +
                "which the engine needs to read records with a user's permissions. Pass a store that does, such as " +
                "the SQLite or PostgreSQL record store, or leave recordAccess out.", nameof(records));

    /// <summary>Name of the <see cref="IHttpClientFactory"/> client that HTTP nodes use.</summary>
    public const string HttpClientName = "WorkflowKit.Http";

    /// <summary>Notifications per page when the caller names no limit.</summary>
    public const int DefaultNotificationPageSize = 200;

    /// <summary>The largest page of notifications one call returns.</summary>
    public const int MaxNotificationPageSize = 500;

    public EngineOptions Options => _services.Options;

    /// <summary>
    /// The record store that starts record-triggered flows: record nodes write through it, and imports and
    /// form submissions should too, so that their writes start the flows whose record triggers match.
    /// </summary>
    public IRecordStore Records { get; }

    /// <summary>Lookups of the instance that won a concurrent start with the same idempotency key.</summary>
    private const int IdempotentLookupAttempts = 10;

    /// <summary>Starts an instance and runs it until every token waits; returns the instance after that first step.</summary>
    /// <exception cref="KeyNotFoundException">The flow or version is not published.</exception>
    /// <exception cref="WorkflowKit.Forms.InvalidSubmissionException">A start from a form or an API call carries
    /// form data that the flow's form rejects; nothing was written.</exception>
    /// <exception cref="Tasks.FieldAccessDeniedException">A start from a form or an API call sets a field that
    /// the start node makes read-only or hidden. Nothing was written.</exception>
    /// <exception cref="ArgumentException">The request's trigger kind is one of the engine's own (schedule, record,
    /// import or sub-flow), which skip the hand-start checks.</exception>
    public Task<WorkflowInstance> StartAsync(StartInstanceRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        RejectEngineTrigger(request);
        return StartAnyAsync(request, cancellationToken);
    }

    /// <summary>
    /// Starts an instance with any trigger kind. The engine's scheduler, record triggers and sub-flow nodes start
    /// through <c>NewInstanceAsync</c> instead; runtime tests call this to start an instance as those paths would.
    /// </summary>
    internal async Task<WorkflowInstance> StartAnyAsync(StartInstanceRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.FlowKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Initiator);
        if (request.IdempotencyKey is { } key
            && await _services.Store.FindInstanceByIdempotencyKeyAsync(null, key, cancellationToken).ConfigureAwait(false)
                is { } existing)
        {
            return await ToInstanceAsync(existing, null, cancellationToken).ConfigureAwait(false);
        }

        var graph = await _services.GraphAsync(request.FlowKey, request.FlowVersion, cancellationToken).ConfigureAwait(false);
        await CheckStarterAsync(graph, request, cancellationToken).ConfigureAwait(false);
        var prepared = await PrepareStartFormAsync(graph, request, cancellationToken).ConfigureAwait(false);
        var createsRecord = prepared is not null && graph.Published.Flow.Settings?.StartCreatesRecord == true;
        StepContext context;
        try
        {
            context = await CommitAsync(
                "start",
                async unit =>
                {
                    var started = await NewInstanceAsync(
                        unit, graph, request.Initiator, request.TriggerKind, prepared ?? request.Form, request.Variables,
                        request.IdempotencyKey, null, cancellationToken, createsRecord).ConfigureAwait(false);
                    await _runner.RunAsync(started, cancellationToken).ConfigureAwait(false);
                    return started;
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (request.IdempotencyKey is not null)
        {
            // A concurrent start with the same key can pass the lookup above and commit first. The unique index on
            // the key then fails this commit, and this start returns that instance as a resent start would. On
            // SQLite the two starts may share one group commit, so the other start's row may not be visible yet when
            // this one fails. The lookup therefore retries until that group commits.
            for (var attempt = 0; attempt < IdempotentLookupAttempts; attempt++)
            {
                var winner = await _services.Store.FindInstanceByIdempotencyKeyAsync(
                    null, request.IdempotencyKey, cancellationToken).ConfigureAwait(false);
                if (winner is not null)
                {
                    return await ToInstanceAsync(winner, null, cancellationToken).ConfigureAwait(false);
                }

                // Wall time, not the engine's clock: the wait is for another transaction's commit, which a test's
                // fake clock does not move.
                await Task.Delay(TimeSpan.FromMilliseconds(20 * (attempt + 1)), cancellationToken).ConfigureAwait(false);
            }

            throw;
        }

        return ToInstance(context.Instance, context.Vars);
    }

    private async Task<StepContext> NewInstanceAsync(
        StepTransaction unit, Graph.FlowGraph graph, string initiator, string trigger, JsonObject? form,
        JsonObject? variables, string? idempotencyKey, (string InstanceId, string TokenId)? parent,
        CancellationToken cancellationToken, bool createsRecord = false)
    {
        var now = _services.Time.GetUtcNow();
        var instanceId = Guid.CreateVersion7(now).ToString("N");

        // StartAsync has prepared form and API starts. Import rows were validated as records, and
        // schedules, record triggers and sub-flows start from data the engine produced.
        var data = WithDefaults(graph.Published.Form, form);

        var vars = new JsonObject();
        foreach (var variable in graph.Published.Flow.Variables ?? [])
        {
            vars[variable.Name] = variable.Default?.DeepClone();
        }

        foreach (var (name, value) in variables ?? [])
        {
            vars[name] = value?.DeepClone();
        }

        if (createsRecord)
        {
            // The record store assigns the serial numbers, so the instance carries the record's data.
            var transaction = await unit.WriteAsync(cancellationToken).ConfigureAwait(false);
            var record = await _services.Records.CreateAsync(
                graph.Published.Form!.Key, data,
                new RecordWriteContext(initiator, transaction, instanceId) { TriggerDepth = RecordTriggerChain.DepthOf(vars) },
                cancellationToken).ConfigureAwait(false);
            data = (JsonObject)record.Data.DeepClone();
            vars["recordId"] = record.Id;
        }

        var instance = new InstanceRecord
        {
            Id = instanceId,
            FlowKey = graph.Published.Key,
            FlowVersion = graph.Published.Version,
            TriggerKind = trigger,
            Initiator = initiator,
            IdempotencyKey = idempotencyKey,
            ParentInstanceId = parent?.InstanceId,
            ParentTokenId = parent?.TokenId,
            Form = data,
            State = new JsonObject { ["seq"] = 0L, ["nodes"] = new JsonObject(), ["activations"] = new JsonObject() },
            StartedAt = now,
        };
        var context = new StepContext("start", unit, graph, instance, [], [], [], isNew: true, now)
        {
            TimeZone = _services.Zone(graph),
            InitiatorJson = await InitiatorAsync(initiator, cancellationToken).ConfigureAwait(false),
            QueryRecords = RecordReader(unit, cancellationToken),
            Calendar = await _services.CalendarAsync(cancellationToken).ConfigureAwait(false),
            ActorForAudit = initiator,
        };
        foreach (var (name, value) in vars)
        {
            context.SetVar(name, value);
        }

        context.AddAudit(initiator, Audit.AuditActions.InstanceStarted, graph.StartNode.Id, snapshot: true,
            details: new JsonObject { ["trigger"] = trigger, ["flowVersion"] = graph.Published.Version });
        context.NewToken(graph.StartNode.Id, null, string.Empty, []);
        return context;
    }

    private async Task<StepContext> StartChildAsync(
        StepContext parent, TokenRecord token, NodeDefinition node, JsonNode? row, CancellationToken cancellationToken)
    {
        if (parent.Depth >= MaxSubFlowDepth)
        {
            throw new FlowFaultException(
                Incidents.IncidentKinds.Definition,
                $"Sub-flow node '{node.Id}' would nest more than {MaxSubFlowDepth} sub-flows; check for a flow that starts itself.");
        }

        var graph = await _services.GraphAsync(node.Flow!, null, cancellationToken).ConfigureAwait(false);
        var form = new JsonObject();
        foreach (var (field, expression) in node.Input ?? [])
        {
            form[field] = _services.Expressions.Evaluate(expression, parent.Scope(row: row), cancellationToken)?.DeepClone();
        }

        var child = await NewInstanceAsync(
            parent.Unit, graph, parent.Instance.Initiator, TriggerKinds.SubFlow, form, null, null,
            (parent.Instance.Id, token.Id), cancellationToken).ConfigureAwait(false);
        child.Depth = parent.Depth + 1;
        child.ParentHandled = true;
        child.ActorForAudit = parent.ActorForAudit;
        await _runner.RunAsync(child, cancellationToken).ConfigureAwait(false);
        parent.AddAudit("system", Audit.AuditActions.SubFlowStarted, node.Id, details: new JsonObject
        {
            ["child"] = child.Instance.Id,
            ["flow"] = node.Flow,
        });
        return child;
    }

    private const int MaxSubFlowDepth = 8;

    // The reader asks the step for its transaction on each query: a step reads on its read transaction until
    // it begins writing, and after that on the write transaction, which also sees the step's own writes.
    private Func<string, JsonObject, IReadOnlyList<JsonObject>> RecordReader(
        StepTransaction unit, CancellationToken cancellationToken) =>
        new Records.ScriptRecordReader(_services.Records, () => unit.Current, _services.Options.MaxQueryRows, cancellationToken)
            .Query;

    private Task<JsonObject> InitiatorAsync(string userId, CancellationToken cancellationToken) =>
        _services.FormChecks.UserAsync(userId, cancellationToken);
}
