using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Runtime.Approvals;
using WorkflowKit.Runtime.Assignees;
using WorkflowKit.Runtime.Audit;
using WorkflowKit.Runtime.Diagnostics;
using WorkflowKit.Runtime.Expressions;
using WorkflowKit.Runtime.Incidents;
using WorkflowKit.Runtime.Records;
using WorkflowKit.Runtime.Storage;

namespace WorkflowKit.Runtime.Execution;

/// <summary>
/// Moves the tokens of one instance through automatic nodes until every token waits (on a task,
/// timer, join, sub-flow, outbox reply, retry or incident) or the instance ends.
/// </summary>
internal sealed partial class FlowRunner
{
    private readonly EngineServices _services;
    private readonly AssigneeResolver _assignees;
    private readonly RecordNodeHandler _records;

    public FlowRunner(EngineServices services)
    {
        _services = services;
        _assignees = new AssigneeResolver(services);
        _records = new RecordNodeHandler(services);
        Human = new HumanTaskHandler(services, _assignees, this);
    }

    public HumanTaskHandler Human { get; }

    public AssigneeResolver Assignees => _assignees;

    /// <summary>
    /// Hook used by the engine to start a sub-flow instance inside the current step; the node argument is the
    /// <c>forEach</c> element that the input reads as <c>row</c>, or null.
    /// </summary>
    public Func<StepContext, TokenRecord, NodeDefinition, JsonNode?, CancellationToken, Task<StepContext>>? StartChild
    {
        get;
        set;
    }

    public async Task RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        string? lastEnd = null;
        while (!context.Finished)
        {
            var token = context.Tokens.Where(candidate => candidate.Status == TokenStatuses.Active).MinBy(t => t.Seq);
            if (token is not null)
            {
                if (++context.NodesRun > _services.Options.MaxNodesPerStep)
                {
                    RaiseIncident(context, token, IncidentKinds.Loop,
                        $"Node '{token.NodeId}' was reached after {_services.Options.MaxNodesPerStep} automatic nodes in " +
                        "one step; the flow loops without a waiting node. Add a task or timer to the loop, then retry.");
                    continue;
                }

                lastEnd = await RunNodeAsync(context, token, cancellationToken).ConfigureAwait(false) ?? lastEnd;
                continue;
            }

            if (!FireJoins(context))
            {
                break;
            }
        }

        if (!context.Finished && !context.LiveTokens.Any())
        {
            Finish(context, InstanceStatuses.Completed, lastEnd, "system", AuditActions.InstanceCompleted);
        }
    }

    /// <returns>The end node's id when the token ended at an end node.</returns>
    private async Task<string?> RunNodeAsync(StepContext context, TokenRecord token, CancellationToken cancellationToken)
    {
        var node = context.Graph.Node(token.NodeId);
        RuntimeLog.NodeEntered(_services.Logger, context.Instance.Id, token.Id, node.Id);
        context.AddAudit("system", AuditActions.NodeEntered, node.Id);
        var savepointsBefore = context.Unit.OpenSavepoints;
        if (node.Type is NodeTypes.CreateRecord or NodeTypes.UpdateRecord or NodeTypes.SubFlow
            or NodeTypes.Service)
        {
            context.Unit.RequestSavepoint();
        }

        if (node.Type == NodeTypes.SubFlow)
        {
            // A sub-flow's record nodes write inside this node's savepoint, so that a failing
            // sub-flow node rolls back what its child wrote.
            await context.Unit.WriteAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            var ended = await ExecuteAsync(context, token, node, cancellationToken).ConfigureAwait(false);
            await context.Unit.EndNodeAsync(savepointsBefore, keep: true, cancellationToken).ConfigureAwait(false);
            return ended;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await context.Unit.EndNodeAsync(savepointsBefore, keep: false, CancellationToken.None).ConfigureAwait(false);
            HandleFailure(context, token, node, exception);
            return null;
        }
    }

    private void HandleFailure(StepContext context, TokenRecord token, NodeDefinition node, Exception exception)
    {
        switch (exception)
        {
            case FlowFaultException fault:
                RaiseIncident(context, token, fault.Kind, fault.Message);
                break;
            case FlowExpressionException expression:
                var kind = node.Type == NodeTypes.Script ? IncidentKinds.Script : IncidentKinds.Expression;
                var what = node.Type == NodeTypes.Script ? "script" : "an expression";
                RaiseIncident(context, token, kind, $"Node '{node.Id}' ({node.Type}): {what} failed: {expression.Message}");
                break;
            case FormatException or ArgumentException or InvalidOperationException
                when node.Type is not (NodeTypes.CreateRecord or NodeTypes.UpdateRecord or NodeTypes.SubFlow):
                RaiseIncident(context, token, IncidentKinds.Definition, $"Node '{node.Id}' ({node.Type}): {exception.Message}");
                break;
            default:
                ScheduleRetry(context, token, node, exception);
                break;
        }
    }

    private void ScheduleRetry(StepContext context, TokenRecord token, NodeDefinition node, Exception exception)
    {
        var attempt = (token.WaitState?["attempt"]?.GetValue<int>() ?? 0) + 1;
        var maxAttempts = node.Retry?.MaxAttempts ?? _services.Options.RetryAttempts;
        if (attempt >= maxAttempts)
        {
            RaiseIncident(context, token, IncidentKinds.RetriesExhausted,
                $"Node '{node.Id}' ({node.Type}) failed {attempt} times; last error: {exception.Message}");
            return;
        }

        var backoff = node.Retry is { } retry ? Timers.IsoDuration.Parse(retry.Backoff).ToTimeSpan() : _services.Options.RetryBackoff;
        var dueAt = context.Now + (backoff * Math.Pow(2, attempt - 1));
        token.Status = TokenStatuses.Waiting;
        token.WaitKind = WaitKinds.Retry;
        token.WaitState = new JsonObject { ["attempt"] = attempt, ["error"] = exception.Message };
        var timer = new TimerRecord
        {
            Id = context.NewId(),
            InstanceId = context.Instance.Id,
            TokenId = token.Id,
            Kind = TimerKinds.Retry,
            DueAt = dueAt,
            CreatedAt = context.Now,
        };
        token.WaitRef = timer.Id;
        context.Touch(token);
        context.NewTimers.Add(timer);
        RuntimeLog.NodeRetryScheduled(_services.Logger, exception, context.Instance.Id, node.Id, attempt, dueAt);
    }

    public void RaiseIncident(StepContext context, TokenRecord token, string kind, string message)
    {
        var incident = new Incident(
            context.NewId(), context.Instance.Id, token.Id, token.NodeId, kind, message, context.Now, null, null);
        context.Incidents.Add(incident);
        token.Status = TokenStatuses.Waiting;
        token.WaitKind = WaitKinds.Incident;
        token.WaitRef = incident.Id;
        context.Touch(token);
        context.AddAudit("system", AuditActions.Incident, token.NodeId, details: new JsonObject
        {
            ["incident"] = incident.Id,
            ["kind"] = kind,
            ["message"] = message,
        });
        RuntimeLog.IncidentRaised(_services.Logger, context.Instance.Id, token.NodeId, kind, incident.Id, message);
    }
}
