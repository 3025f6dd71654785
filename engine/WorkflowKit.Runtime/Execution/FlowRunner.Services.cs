using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Runtime.Incidents;
using WorkflowKit.Runtime.Services;

namespace WorkflowKit.Runtime.Execution;

/// <summary>Service nodes: a registered <see cref="IFlowService"/> called inside the step.</summary>
internal sealed partial class FlowRunner
{
    private async Task RunServiceAsync(StepContext context, NodeDefinition node, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(node.Service) || !_services.FlowServices.TryGetValue(node.Service, out var service))
        {
            var known = _services.FlowServices.Count == 0
                ? "none is registered"
                : "registered: " + string.Join(", ", _services.FlowServices.Keys.Order(StringComparer.Ordinal));
            throw new FlowFaultException(
                IncidentKinds.Definition,
                $"Service node '{node.Id}' calls service \"{node.Service}\", which this engine does not have ({known}). " +
                "Register it with the engine or correct the name, then retry.");
        }

        var input = new JsonObject();
        foreach (var (name, expression) in node.Input ?? [])
        {
            input[name] = _services.Expressions.Evaluate(expression, context.Scope(), cancellationToken)?.DeepClone();
        }

        var serviceContext = new FlowServiceContext
        {
            Transaction = context.Transaction,
            Records = _services.Records,
            Now = context.Now,
            TimeZone = _services.Zone(context.Graph),
            InstanceId = context.Instance.Id,
            FlowKey = context.Instance.FlowKey,
            NodeId = node.Id,
        };
        var output = await service.InvokeAsync(serviceContext, input, cancellationToken).ConfigureAwait(false);
        SetOutput(context, node, output);
    }
}
