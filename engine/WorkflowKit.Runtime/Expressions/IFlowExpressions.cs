using WorkflowKit.Definitions.Conditions;

namespace WorkflowKit.Runtime.Expressions;

/// <summary>
/// The engine's one way to evaluate conditions, expressions and scripts. Implementations are
/// sandboxed and bounded; failures surface as <see cref="FlowExpressionException"/>.
/// </summary>
public interface IFlowExpressions
{
    bool EvaluateCondition(Condition condition, ExpressionScope scope, CancellationToken cancellationToken);

    System.Text.Json.Nodes.JsonNode? Evaluate(string expression, ExpressionScope scope, CancellationToken cancellationToken);

    /// <summary>Runs a script that may change <c>form</c> and <c>vars</c>; the scope itself is not modified.</summary>
    ScriptOutcome Execute(string script, ExpressionScope scope, CancellationToken cancellationToken);
}
