using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Runtime.Audit;
using WorkflowKit.Runtime.Expressions;
using WorkflowKit.Runtime.Graph;
using WorkflowKit.Runtime.Incidents;
using WorkflowKit.Runtime.Storage;

namespace WorkflowKit.Runtime.Execution;

/// <summary>Routing: leaving a node by its edges, parallel splits and joins, and ending.</summary>
internal sealed partial class FlowRunner
{
    /// <summary>
    /// Moves the token out of <paramref name="node"/>: the first non-default edge whose condition
    /// holds (by priority), else the default edge, else an edge without condition. When
    /// <paramref name="rejecting"/>, only edges whose condition holds are taken; with none, the
    /// instance ends as rejected.
    /// </summary>
    public void Leave(StepContext context, TokenRecord token, NodeDefinition node, bool rejecting = false)
    {
        var edges = context.Graph.Outgoing(node.Id);
        var chosen = FirstMatchingEdge(context, node, edges);
        if (rejecting && chosen is null)
        {
            context.AddAudit("system", AuditActions.NodeCompleted, node.Id, details: new JsonObject { ["outcome"] = "rejected" });
            Finish(context, InstanceStatuses.Rejected, node.Id, "system", AuditActions.InstanceRejected);
            return;
        }

        chosen ??= edges.FirstOrDefault(edge => edge.IsDefault) ?? edges.FirstOrDefault(edge => edge.Condition is null);
        if (chosen is null)
        {
            if (edges.Count == 0)
            {
                EndToken(context, token, node);
                return;
            }

            throw new FlowFaultException(
                IncidentKinds.Routing,
                $"Node '{node.Id}': no outgoing edge's condition holds and there is no default edge " +
                $"(edges: {string.Join(", ", edges.Select(edge => edge.Id))}). Mark one edge as default or fix the data.");
        }

        Move(context, token, node, chosen);
    }

    /// <summary>Returns the first non-default edge whose condition is true, by priority, or null.</summary>
    private EdgeDefinition? FirstMatchingEdge(StepContext context, NodeDefinition node, IReadOnlyList<EdgeDefinition> edges) =>
        edges.FirstOrDefault(edge => edge.Condition is not null && !edge.IsDefault && Holds(context, node, edge));

    private bool Holds(StepContext context, NodeDefinition node, EdgeDefinition edge)
    {
        try
        {
            return _services.Expressions.EvaluateCondition(edge.Condition!, context.Scope(), CancellationToken.None);
        }
        catch (FlowExpressionException exception)
        {
            throw new FlowFaultException(
                IncidentKinds.Expression,
                $"Node '{node.Id}': the condition of edge '{edge.Id}' failed: {exception.Message}", exception);
        }
    }

    private static void Move(StepContext context, TokenRecord token, NodeDefinition from, EdgeDefinition edge)
    {
        context.AddAudit("system", AuditActions.NodeCompleted, from.Id, details: new JsonObject { ["edge"] = edge.Id });
        token.NodeId = edge.To;
        token.EdgeId = edge.Id;
        Activate(context, token);
    }

    /// <summary>Puts the token on another node directly (a return to an earlier node).</summary>
    public void Jump(StepContext context, TokenRecord token, string nodeId)
    {
        context.AddAudit("system", AuditActions.NodeCompleted, token.NodeId, details: new JsonObject { ["returnedTo"] = nodeId });
        token.NodeId = nodeId;
        token.EdgeId = null;
        Activate(context, token);
    }

    private static void Activate(StepContext context, TokenRecord token)
    {
        token.Status = TokenStatuses.Active;
        token.WaitKind = null;
        token.WaitRef = null;
        token.WaitState = null;
        token.VisitId = null;
        context.Touch(token);
    }

    private void Split(StepContext context, TokenRecord token, NodeDefinition node)
    {
        var activation = context.NewId();
        context.Activations[activation] = new JsonObject
        {
            ["split"] = node.Id,
            ["parent"] = token.Scope,
            ["trail"] = new JsonArray([.. token.Trail.Select(id => (JsonNode)id)]),
        };
        var scope = token.Scope.Length == 0 ? activation : token.Scope + "/" + activation;
        var branches = context.Graph.Outgoing(node.Id)
            .Where(edge => edge.Condition is null || Holds(context, node, edge))
            .ToList();
        if (branches.Count == 0)
        {
            throw new FlowFaultException(
                IncidentKinds.Routing, $"Parallel split '{node.Id}' activated no branch: every branch condition is false.");
        }

        context.AddAudit("system", AuditActions.NodeCompleted, node.Id, details: new JsonObject
        {
            ["branches"] = new JsonArray([.. branches.Select(edge => (JsonNode)edge.Id)]),
        });
        token.Status = TokenStatuses.Ended;
        context.Touch(token);
        foreach (var edge in branches)
        {
            context.NewToken(edge.To, edge.Id, scope, []);
        }
    }

    private static void WaitAtJoin(StepContext context, TokenRecord token, NodeDefinition node)
    {
        token.Status = TokenStatuses.Waiting;
        token.WaitKind = WaitKinds.Join;
        token.WaitRef = JoinGroups.Of(
            token.Scope, context.Graph.Join(node.Id),
            activation => context.Activations[activation]?["split"]?.GetValue<string>());
        context.Touch(token);
    }

    /// <summary>
    /// Fires every join whose incoming edges each hold a token or can no longer receive one from
    /// a live token of the same split activation. Returns whether any join fired.
    /// </summary>
    private bool FireJoins(StepContext context)
    {
        var groups = context.LiveTokens
            .Where(token => token.WaitKind == WaitKinds.Join)
            .GroupBy(token => (token.NodeId, token.WaitRef!))
            .ToList();
        var fired = false;
        foreach (var group in groups)
        {
            fired |= TryFire(context, group.Key.NodeId, group.Key.Item2);
        }

        return fired;
    }

    private bool TryFire(StepContext context, string joinId, string group)
    {
        var facts = context.Graph.Join(joinId);
        var activation = group[2..];
        var paired = group.StartsWith("P:", StringComparison.Ordinal);
        var waiting = context.LiveTokens
            .Where(token => token.NodeId == joinId && token.WaitKind == WaitKinds.Join && token.WaitRef == group)
            .OrderBy(token => token.Seq)
            .ToList();
        var others = context.LiveTokens
            .Where(token => !(token.NodeId == joinId && token.WaitKind == WaitKinds.Join))
            .Where(token => activation.Length == 0 || JoinGroups.InScope(token.Scope, activation))
            .ToList();

        var consumed = new List<TokenRecord>();
        foreach (var edge in context.Graph.Incoming(joinId))
        {
            var first = waiting.FirstOrDefault(token => token.EdgeId == edge.Id);
            if (first is not null)
            {
                consumed.Add(first);
            }
            else if (others.Any(token => facts.Feeders[edge.Id].Contains(token.NodeId)))
            {
                return false;
            }
        }

        if (consumed.Count == 0)
        {
            return false;
        }

        foreach (var token in consumed)
        {
            token.Status = TokenStatuses.Ended;
            context.Touch(token);
        }

        var parent = paired ? context.Activations[activation] as JsonObject : null;
        var scope = parent?["parent"]?.GetValue<string>() ?? consumed[0].Scope;
        var trail = parent?["trail"] is JsonArray saved
            ? saved.Select(node => node!.GetValue<string>()).ToList()
            : [.. consumed[0].Trail];
        var next = context.NewToken(joinId, null, scope, trail);
        context.AddAudit("system", AuditActions.NodeEntered, joinId, details: new JsonObject
        {
            ["joined"] = new JsonArray([.. consumed.Select(token => (JsonNode)(token.EdgeId ?? string.Empty))]),
        });
        Leave(context, next, context.Graph.Node(joinId));
        return true;
    }

    private static void EndToken(StepContext context, TokenRecord token, NodeDefinition node)
    {
        token.Status = TokenStatuses.Ended;
        context.Touch(token);
        context.AddAudit("system", AuditActions.NodeCompleted, node.Id);
    }

    /// <summary>
    /// Ends the instance: cancels what still waits, resolves the incidents its tokens wait at as
    /// <paramref name="actor"/> with the status as the resolution, and records the end node.
    /// </summary>
    public void Finish(StepContext context, string status, string? endNodeId, string actor, string auditAction)
    {
        foreach (var token in context.LiveTokens.ToList())
        {
            foreach (var child in SubFlowWaits.ChildrenOf(token))
            {
                context.OrphanedChildren.Add(child);
            }

            if (token.WaitKind == WaitKinds.Incident && token.WaitRef is { } incident)
            {
                // A rejection ends the instance as "system"; the person whose action caused it is the step's actor.
                var resolvedBy = actor == "system" ? context.ActorForAudit : actor;
                context.ResolvedIncidents.Add(new IncidentResolution(incident, resolvedBy, status));
            }

            token.Status = TokenStatuses.Cancelled;
            context.Touch(token);
        }

        foreach (var task in context.OpenTasks.ToList())
        {
            task.Status = TaskStatuses.Cancelled;
            task.Outcome ??= status;
            task.Version++;
            context.Touch(task);
        }

        context.CancelAllTimers = true;
        context.CancelPendingOutbox = true;
        context.Instance.Status = status;
        context.Instance.EndNodeId = endNodeId;
        context.Instance.EndedAt = context.Now;
        context.Finished = true;
        context.AddAudit(actor, auditAction, endNodeId);
    }
}
