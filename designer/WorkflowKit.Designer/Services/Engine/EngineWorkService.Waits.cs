using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Runtime;
using WorkflowKit.Runtime.Storage;
using EngineInstanceDetail = WorkflowKit.Runtime.Instances.InstanceDetail;

namespace WorkflowKit.Designer.Services.Engine;

/// <summary>Where a running instance waits: the nodes of its open tasks and of its tokens' other waits.</summary>
public sealed partial class EngineWorkService
{
    /// <summary>
    /// Adds to <paramref name="summary"/> the nodes where the instance waits: <see cref="InstanceSummary.CurrentNodes"/>
    /// and <see cref="InstanceSummary.Waits"/>, the nodes of open tasks first.
    /// </summary>
    private async Task<InstanceSummary> WithWaitsAsync(
        InstanceSummary summary, EngineInstanceDetail detail, CancellationToken cancellationToken)
    {
        var flow = await FlowAsync(detail.Instance.FlowKey, detail.Instance.FlowVersion, cancellationToken);
        var waits = WaitsOf(detail, flow);
        return summary with { CurrentNodes = [.. waits.Select(wait => wait.NodeId).Distinct()], Waits = waits };
    }

    private List<InstanceWait> WaitsOf(EngineInstanceDetail detail, FlowDefinition flow)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(engine.Options.TimeZone);
        var waits = new List<InstanceWait>();
        foreach (var nodeId in detail.Tasks.Where(task => task.Status == TaskStatuses.Open).Select(task => task.NodeId).Distinct())
        {
            waits.Add(new InstanceWait(nodeId, NodeNameOf(flow, nodeId), InstanceWaitKinds.Task));
        }

        foreach (var position in detail.Positions.Where(position => position.Status == TokenStatuses.Waiting))
        {
            var kind = position.WaitKind switch
            {
                WaitKinds.Timer => InstanceWaitKinds.Timer,
                WaitKinds.Join => InstanceWaitKinds.Join,
                WaitKinds.SubFlow => InstanceWaitKinds.SubFlow,
                WaitKinds.Outbox => InstanceWaitKinds.Call,
                WaitKinds.Retry => InstanceWaitKinds.Retry,
                WaitKinds.Incident => InstanceWaitKinds.Incident,
                _ => null,
            };
            if (kind is null || waits.Any(wait => wait.NodeId == position.NodeId && wait.Kind == kind))
            {
                continue;
            }

            waits.Add(new InstanceWait(position.NodeId, NodeNameOf(flow, position.NodeId), kind)
            {
                Until = position.DueAt is { } due ? TimeZoneInfo.ConvertTime(due, zone) : null,
                ChildInstanceIds = position.Children,
            });
        }

        return waits;
    }

    private static LocalizedText NodeNameOf(FlowDefinition flow, string nodeId) =>
        flow.Nodes.FirstOrDefault(node => node.Id == nodeId)?.Name ?? new LocalizedText(nodeId);
}
