using System.Text.Json.Nodes;
using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Runtime.Audit;
using WorkflowKit.Runtime.Incidents;
using WorkflowKit.Runtime.Notifications;
using WorkflowKit.Runtime.Storage;
using WorkflowKit.Runtime.Tasks;
using WorkflowKit.Runtime.Timers;

namespace WorkflowKit.Runtime.Execution;

/// <summary>What each node type does when a token enters it.</summary>
internal sealed partial class FlowRunner
{
    /// <returns>The node's id when the token ended at an end node.</returns>
    private async Task<string?> ExecuteAsync(
        StepContext context, TokenRecord token, NodeDefinition node, CancellationToken cancellationToken)
    {
        switch (node.Type)
        {
            case NodeTypes.Start or NodeTypes.Condition:
                Leave(context, token, node);
                break;
            case NodeTypes.FillIn or NodeTypes.Approval:
                await Human.EnterAsync(context, token, node, cancellationToken).ConfigureAwait(false);
                break;
            case NodeTypes.CarbonCopy:
                await NotifyAsync(context, node, NotificationKinds.CarbonCopy, cancellationToken).ConfigureAwait(false);
                Leave(context, token, node);
                break;
            case NodeTypes.Notification:
                await NotifyAsync(context, node, NotificationKinds.Message, cancellationToken).ConfigureAwait(false);
                Leave(context, token, node);
                break;
            case NodeTypes.ParallelSplit:
                Split(context, token, node);
                break;
            case NodeTypes.ParallelJoin:
                WaitAtJoin(context, token, node);
                break;
            case NodeTypes.CreateRecord or NodeTypes.UpdateRecord:
                var output = await _records.RunAsync(context, node, cancellationToken).ConfigureAwait(false);
                SetOutput(context, node, output);
                if (node.Type == NodeTypes.CreateRecord)
                {
                    AuditCreatedRecord(context, node, output);
                }

                Leave(context, token, node);
                break;
            case NodeTypes.Script:
                RunScript(context, node, cancellationToken);
                Leave(context, token, node);
                break;
            case NodeTypes.Http:
                QueueHttp(context, token, node);
                break;
            case NodeTypes.SubFlow:
                await EnterSubFlowAsync(context, token, node, cancellationToken).ConfigureAwait(false);
                break;
            case NodeTypes.Service:
                await RunServiceAsync(context, node, cancellationToken).ConfigureAwait(false);
                Leave(context, token, node);
                break;
            case NodeTypes.Timer:
                WaitForTimer(context, token, node, cancellationToken);
                break;
            case NodeTypes.End:
                EndToken(context, token, node);
                return node.Id;
            default:
                throw new FlowFaultException(
                    IncidentKinds.Definition,
                    $"Node '{node.Id}' has unknown type \"{node.Type}\"; this engine runs " +
                    $"{string.Join(", ", NodeTypes.All.Order(StringComparer.Ordinal))}.");
        }

        return null;
    }

    /// <summary>Records a node's output as <c>nodes.ID</c> and in its result variable when it has one.</summary>
    public static void SetOutput(StepContext context, NodeDefinition node, JsonNode? output)
    {
        context.Nodes[node.Id] = output?.DeepClone();
        if (!string.IsNullOrWhiteSpace(node.ResultVariable))
        {
            context.SetVar(node.ResultVariable, output);
        }
    }

    /// <summary>
    /// Writes a trail line for a record that a createRecord node created, so that the instance's trail links to it. The
    /// engine writes it as the system on behalf of the person whose action ran the step.
    /// </summary>
    private static void AuditCreatedRecord(StepContext context, NodeDefinition node, JsonObject output)
    {
        var details = new JsonObject
        {
            ["form"] = output["form"]?.DeepClone(),
            ["recordId"] = output["recordId"]?.DeepClone(),
        };
        if (context.ActorForAudit != "system")
        {
            details["onBehalfOf"] = context.ActorForAudit;
        }

        context.AddAudit("system", AuditActions.RecordCreated, node.Id, details: details);
    }

    private async Task NotifyAsync(StepContext context, NodeDefinition node, string kind, CancellationToken cancellationToken)
    {
        var recipients = await _assignees.ResolveAsync(
            context, node, node.Recipients ?? node.Assignees, "recipient", cancellationToken, node.FallbackRecipients)
            .ConfigureAwait(false);
        // A field the node hides from its recipients stays out of the message too: its placeholder renders empty.
        var form = node.FieldPermissions is null ? context.Instance.Form : FieldGuard.Visible(node, context.Instance.Form);
        var message = MessagePlaceholders.Render(node.Message, form, context.Vars) ?? node.Name;
        foreach (var user in recipients)
        {
            context.Notify(user, kind, node.Id, null, message);
        }

        var channel = node.Channel ?? "inApp";
        if (channel == "inApp")
        {
            return;
        }

        var id = context.NewId();
        context.NewOutbox.Add(new OutboxRecord
        {
            Id = id,
            InstanceId = context.Instance.Id,
            NodeId = node.Id,
            Kind = OutboxKinds.Notification,
            Channel = channel,
            Payload = new JsonObject
            {
                ["recipients"] = new JsonArray([.. recipients.Select(user => (JsonNode)user)]),
                ["message"] = JsonLocalized(message),
                ["instanceId"] = context.Instance.Id,
                ["nodeId"] = node.Id,
                ["kind"] = kind,
            },
            IdempotencyKey = id,
            MaxAttempts = node.Retry?.MaxAttempts ?? _services.Options.RetryAttempts,
            NextAttemptAt = context.Now,
            CreatedAt = context.Now,
        });
    }

    private static JsonNode? JsonLocalized(LocalizedText? text) =>
        text is null ? null : System.Text.Json.JsonSerializer.SerializeToNode(text, DefinitionJson.Compact);

    private void RunScript(StepContext context, NodeDefinition node, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(node.Script))
        {
            throw new FlowFaultException(IncidentKinds.Definition, $"Script node '{node.Id}' has no script; add one.");
        }

        var outcome = _services.Expressions.Execute(node.Script, context.Scope(), cancellationToken);
        foreach (var name in context.Instance.Form.Select(pair => pair.Key).ToList())
        {
            if (!outcome.Form.ContainsKey(name))
            {
                context.Instance.Form.Remove(name);
            }
        }

        foreach (var (name, value) in outcome.Form)
        {
            context.Instance.Form[name] = value?.DeepClone();
        }

        context.ReplaceVars(outcome.Vars);
        SetOutput(context, node, outcome.Result);
    }

    private void QueueHttp(StepContext context, TokenRecord token, NodeDefinition node)
    {
        var rendered = string.IsNullOrWhiteSpace(node.Url)
            ? null
            : MessagePlaceholders.RenderUrl(node.Url, context.Instance.Form, context.Vars);
        if (rendered is null || !Uri.TryCreate(rendered, UriKind.Absolute, out var url)
            || url.Scheme is not ("http" or "https"))
        {
            throw new FlowFaultException(
                IncidentKinds.Definition, $"HTTP node '{node.Id}' needs an absolute http or https URL, got \"{node.Url}\".");
        }

        // Rendered values are percent-encoded, so braces left in the URL come from the definition itself.
        if (MessagePlaceholders.Find(rendered).FirstOrDefault() is { } unknown)
        {
            throw new FlowFaultException(
                IncidentKinds.Definition,
                $"HTTP node '{node.Id}': the URL placeholder \"{{{{{unknown}}}}}\" is not {{{{form.FIELD}}}} or " +
                "{{vars.NAME}}. Correct the URL in the flow and publish it again.");
        }

        JsonNode? body = null;
        if (!string.IsNullOrWhiteSpace(node.Body))
        {
            body = _services.Expressions.Evaluate(node.Body, context.Scope(), CancellationToken.None);
        }

        var timeout = node.Timeout is { } text ? IsoDuration.Parse(text).ToTimeSpan() : _services.Options.HttpTimeout;
        var backoff = node.Retry is { } retry ? IsoDuration.Parse(retry.Backoff).ToTimeSpan() : _services.Options.RetryBackoff;
        var headers = new JsonObject();
        foreach (var (name, value) in node.Headers ?? [])
        {
            headers[name] = value;
        }

        var id = context.NewId();
        context.NewOutbox.Add(new OutboxRecord
        {
            Id = id,
            InstanceId = context.Instance.Id,
            TokenId = token.Id,
            NodeId = node.Id,
            Kind = OutboxKinds.Http,
            Payload = new JsonObject
            {
                ["method"] = (node.Method ?? (body is null ? "GET" : "POST")).ToUpperInvariant(),
                ["url"] = url.ToString(),
                ["headers"] = headers,
                ["body"] = body,
                ["timeoutMs"] = (long)timeout.TotalMilliseconds,
                ["backoffMs"] = (long)backoff.TotalMilliseconds,
            },
            IdempotencyKey = id,
            MaxAttempts = node.Retry?.MaxAttempts ?? _services.Options.RetryAttempts,
            NextAttemptAt = context.Now,
            CreatedAt = context.Now,
        });
        token.Status = TokenStatuses.Waiting;
        token.WaitKind = WaitKinds.Outbox;
        token.WaitRef = id;
        context.Touch(token);
    }

    private void WaitForTimer(StepContext context, TokenRecord token, NodeDefinition node, CancellationToken cancellationToken)
    {
        var zone = _services.Zone(context.Graph);
        DateTimeOffset? due = null;
        if (node.Duration is { } duration)
        {
            due = new DeadlineCalculator(context.Calendar, zone).Add(context.Now, IsoDuration.Parse(duration), null);
        }
        else if (node.Until is { } until)
        {
            due = ZonedTime.Parse(_services.Expressions.Evaluate(until, context.Scope(), cancellationToken), zone);
        }
        else if (node.UntilField is { } field)
        {
            due = ZonedTime.Parse(context.Instance.Form[field], zone);
        }

        if (due is null)
        {
            throw new FlowFaultException(
                IncidentKinds.Definition,
                $"Timer node '{node.Id}' has no due time: set duration, until, or untilField to a filled date field.");
        }

        var timer = new TimerRecord
        {
            Id = context.NewId(),
            InstanceId = context.Instance.Id,
            TokenId = token.Id,
            Kind = TimerKinds.Node,
            DueAt = due.Value < context.Now ? context.Now : due.Value,
            CreatedAt = context.Now,
        };
        context.NewTimers.Add(timer);
        token.Status = TokenStatuses.Waiting;
        token.WaitKind = WaitKinds.Timer;
        token.WaitRef = timer.Id;
        context.Touch(token);
    }

    private async Task EnterSubFlowAsync(
        StepContext context, TokenRecord token, NodeDefinition node, CancellationToken cancellationToken)
    {
        if (StartChild is null || string.IsNullOrWhiteSpace(node.Flow))
        {
            throw new FlowFaultException(IncidentKinds.Definition, $"Sub-flow node '{node.Id}' names no flow; set \"flow\".");
        }

        if (node.ForEach is not null)
        {
            await StartEachAsync(context, token, node, cancellationToken).ConfigureAwait(false);
            return;
        }

        var child = await StartChild(context, token, node, null, cancellationToken).ConfigureAwait(false);
        context.Children.Add(child);
        if (node.Wait == false || child.Finished)
        {
            SetOutput(context, node, SubFlowOutput(child.Instance, child.Vars));
            Leave(context, token, node);
            return;
        }

        token.Status = TokenStatuses.Waiting;
        token.WaitKind = WaitKinds.SubFlow;
        token.WaitRef = child.Instance.Id;
        context.Touch(token);
    }

    /// <summary>
    /// Starts one sub-flow per element of the node's <c>forEach</c> array, each with the element as <c>row</c>. With
    /// <c>"wait": false</c> the token moves on at once and the output lists what each child returned at its start.
    /// Otherwise the token waits until every child has ended, and the output lists each child's end, in element order.
    /// </summary>
    private async Task StartEachAsync(
        StepContext context, TokenRecord token, NodeDefinition node, CancellationToken cancellationToken)
    {
        var items = _services.Expressions.Evaluate(node.ForEach!, context.Scope(), cancellationToken);
        if (items is not JsonArray array)
        {
            throw new FlowFaultException(
                IncidentKinds.Expression,
                $"Sub-flow node '{node.Id}': \"forEach\" must give an array, got {items?.GetValueKind().ToString() ?? "null"}.");
        }

        var started = new JsonArray();
        var running = new List<string>();
        foreach (var item in array)
        {
            var child = await StartChild!(context, token, node, item, cancellationToken).ConfigureAwait(false);
            context.Children.Add(child);
            started.Add(SubFlowOutput(child.Instance, child.Vars));
            if (!child.Finished)
            {
                running.Add(child.Instance.Id);
            }
        }

        if (node.Wait == false || running.Count == 0)
        {
            SetOutput(context, node, started);
            Leave(context, token, node);
            return;
        }

        SubFlowWaits.WaitForAll(token, started, running);
        context.Touch(token);
    }

    /// <summary>What a parent sees of a finished or started child: id, status, form and variables.</summary>
    public static JsonObject SubFlowOutput(InstanceRecord child, JsonObject vars) => new()
    {
        ["instanceId"] = child.Id,
        ["status"] = child.Status,
        ["endNode"] = child.EndNodeId,
        ["form"] = child.Form.DeepClone(),
        ["vars"] = vars.DeepClone(),
    };
}
