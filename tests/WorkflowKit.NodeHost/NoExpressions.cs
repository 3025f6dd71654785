using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Conditions;
using WorkflowKit.Runtime.Expressions;

namespace WorkflowKit.NodeHost;

/// <summary>
/// The test host runs flows of timers and human tasks only; a flow that needs a condition or a
/// script faults with this message instead of running half-configured.
/// </summary>
internal sealed class NoExpressions : IFlowExpressions
{
    private const string Message = "The node host evaluates no expressions; use flows without conditions or scripts.";

    public bool EvaluateCondition(Condition condition, ExpressionScope scope, CancellationToken cancellationToken) =>
        throw new FlowExpressionException(Message);

    public JsonNode? Evaluate(string expression, ExpressionScope scope, CancellationToken cancellationToken) =>
        throw new FlowExpressionException(Message);

    public ScriptOutcome Execute(string script, ExpressionScope scope, CancellationToken cancellationToken) =>
        throw new FlowExpressionException(Message);
}
