using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Runtime.Expressions;

namespace WorkflowKit.Designer.Services.Engine;

/// <summary>
/// Walks a flow document with sample form data and nothing saved: conditions are evaluated by the
/// engine's expressions, human tasks count as approved and parallel splits follow their first branch.
/// </summary>
public sealed class FlowTestRunner(IFlowExpressions expressions)
{
    private const int StepLimit = 200;

    public TestRunResult Run(string flowJson, JsonObject input, CancellationToken cancellationToken)
    {
        var flow = DefinitionJson.Deserialize<FlowDefinition>(flowJson);
        var visited = new List<string>();
        var edges = new List<string>();
        var messages = new List<string>();
        var scope = new ExpressionScope(input, [], [], []) { Params = ParameterTypes.ToScope(flow.Parameters) };
        var node = flow.Nodes.FirstOrDefault(n => n.Type == NodeTypes.Start);
        for (var step = 0; node is not null && step < StepLimit; step++)
        {
            visited.Add(node.Id);
            if (node.Type == NodeTypes.End)
            {
                return new TestRunResult(visited, edges, messages, Completed: true);
            }

            if (NodeTypes.Human.Contains(node.Type))
            {
                messages.Add($"{node.Id}: task for {Describe(node.Assignees)}, taken as approved");
                scope.Nodes[node.Id] = new JsonObject { ["outcome"] = "approved" };
            }

            EdgeDefinition? edge;
            try
            {
                edge = Choose(flow, node, scope, cancellationToken);
            }
            catch (FlowExpressionException error)
            {
                messages.Add($"{node.Id}: a condition failed: {error.Message}");
                break;
            }

            if (edge is null)
            {
                messages.Add($"{node.Id}: no outgoing edge applies; the run stops here");
                break;
            }

            edges.Add(edge.Id);
            node = flow.Nodes.FirstOrDefault(n => n.Id == edge.To);
        }

        return new TestRunResult(visited, edges, messages, Completed: false);
    }

    private EdgeDefinition? Choose(
        FlowDefinition flow, NodeDefinition node, ExpressionScope scope, CancellationToken cancellationToken)
    {
        var outgoing = flow.Edges.Where(edge => edge.From == node.Id).ToList();
        return outgoing
            .Where(edge => !edge.IsDefault && edge.Condition is not null)
            .OrderBy(edge => edge.Priority ?? int.MaxValue)
            .FirstOrDefault(edge => expressions.EvaluateCondition(edge.Condition!, scope, cancellationToken))
            ?? outgoing.FirstOrDefault(edge => edge.IsDefault)
            ?? outgoing.FirstOrDefault(edge => edge.Condition is null);
    }

    private static string Describe(List<AssigneeRule>? rules) =>
        rules is { Count: > 0 } ? string.Join(", ", rules.Select(rule => $"{rule.Type}:{rule.Value}")) : "nobody";
}
