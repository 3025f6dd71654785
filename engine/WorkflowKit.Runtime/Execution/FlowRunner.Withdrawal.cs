using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Runtime.Audit;
using WorkflowKit.Runtime.Instances;
using WorkflowKit.Runtime.Notifications;
using WorkflowKit.Storage;

namespace WorkflowKit.Runtime.Execution;

/// <summary>
/// The withdrawal path (<c>settings.onWithdraw</c>) and the cancellation path (<c>settings.onCancel</c>): automatic
/// nodes that undo what earlier automatic steps did, run once the withdrawal or the cancel has cancelled the instance's
/// tasks, tokens and timers.
/// </summary>
internal sealed partial class FlowRunner
{
    /// <summary>Audit detail that marks the lines of the withdrawal path.</summary>
    public const string WithdrawalDetail = "withdrawal";

    /// <summary>
    /// Runs <paramref name="path"/> from <paramref name="nodeId"/> to an end node in the step's transaction, without
    /// tokens. After each node, the first edge whose condition is true leads on, else the default edge.
    /// </summary>
    /// <returns>The id of the end node that the path reached.</returns>
    /// <exception cref="InstanceActionException">
    /// A node failed or is not automatic, or the path loops. The exception names the node; the caller's step must
    /// roll back, so nothing that the path wrote stays.
    /// </exception>
    public async Task<string> RunEndingPathAsync(
        StepContext context, EndingPath path, string nodeId, CancellationToken cancellationToken)
    {
        var node = context.Graph.HasNode(nodeId)
            ? context.Graph.Node(nodeId)
            : throw PathFailed(context, path, nodeId, null, $"the flow has no node \"{nodeId}\"", null);
        for (var run = 1; ; run++)
        {
            if (run > _services.Options.MaxNodesPerStep)
            {
                throw PathFailed(
                    context, path, node.Id, node, $"it was reached after {_services.Options.MaxNodesPerStep} nodes, so the " +
                    "path loops", null);
            }

            context.AddAudit("system", AuditActions.NodeEntered, node.Id, details: Mark(path, null));
            EdgeDefinition? next;
            try
            {
                if (await RunPathNodeAsync(context, path, node, cancellationToken).ConfigureAwait(false))
                {
                    context.AddAudit("system", AuditActions.NodeCompleted, node.Id, details: Mark(path, null));
                    return node.Id;
                }

                var edges = context.Graph.Outgoing(node.Id);
                next = FirstMatchingEdge(context, node, edges)
                    ?? edges.FirstOrDefault(edge => edge.IsDefault)
                    ?? edges.FirstOrDefault(edge => edge.Condition is null)
                    ?? throw new FlowFaultException(
                        Incidents.IncidentKinds.Routing,
                        "no outgoing edge's condition holds and there is no default edge");
            }
            catch (Exception exception) when (exception is not (OperationCanceledException or ConcurrencyConflictException
                or InstanceActionException))
            {
                throw PathFailed(context, path, node.Id, node, exception.Message, exception);
            }

            context.AddAudit("system", AuditActions.NodeCompleted, node.Id, details: Mark(path, new JsonObject
            {
                ["edge"] = next.Id,
            }));
            node = context.Graph.Node(next.To);
        }
    }

    /// <returns>Whether the node is an end node, where the path stops.</returns>
    private async Task<bool> RunPathNodeAsync(
        StepContext context, EndingPath path, NodeDefinition node, CancellationToken cancellationToken)
    {
        switch (node.Type)
        {
            case NodeTypes.Condition:
                return false;
            case NodeTypes.Script:
                RunScript(context, node, cancellationToken);
                return false;
            case NodeTypes.CreateRecord or NodeTypes.UpdateRecord:
                SetOutput(context, node, await _records.RunAsync(context, node, cancellationToken).ConfigureAwait(false));
                return false;
            case NodeTypes.Notification:
                await NotifyAsync(context, node, NotificationKinds.Message, cancellationToken).ConfigureAwait(false);
                return false;
            case NodeTypes.End:
                return true;
            default:
                throw new InvalidOperationException(
                    $"a {node.Type} node cannot run on the {path.Name}, which allows only " +
                    string.Join(", ", WithdrawalPath.NodeTypesAllowed.Order(StringComparer.Ordinal)) + " nodes");
        }
    }

    private static JsonObject Mark(EndingPath path, JsonObject? details)
    {
        details ??= [];
        details[path.AuditDetail] = true;
        return details;
    }

    private static InstanceActionException PathFailed(
        StepContext context, EndingPath path, string nodeId, NodeDefinition? node, string reason, Exception? cause)
    {
        var message =
            $"Instance {context.Instance.Id} was not {path.Ended}: node '{nodeId}'" +
            (node is null ? string.Empty : $" ({node.Type})") +
            $" of the {path.Name} ({path.Setting}) failed: {reason.TrimEnd('.')}. Nothing was written and " +
            $"the instance runs on as before. Ask the flow's process owner to fix the node, then {path.Action} again.";
        return new InstanceActionException(path.Error, message, cause)
        {
            InstanceId = context.Instance.Id,
            FlowKey = context.Instance.FlowKey,
            NodeId = nodeId,
            NodeName = node?.Name,
        };
    }
}
