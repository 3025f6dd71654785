using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Conditions;
using WorkflowKit.Expressions;
using WorkflowKit.Runtime.Expressions;

namespace WorkflowKit.Bench.Engine;

/// <summary>
/// The engine's expressions on the sandboxed <see cref="ScriptHost"/> and the rule-builder
/// <see cref="ConditionEvaluator"/>, as the product wires them.
/// </summary>
// NOTE: replace with the runtime's ScriptHostFlowExpressions once the runtime branch lands on main.
public sealed class BenchFlowExpressions(ScriptHost host) : IFlowExpressions
{
    private readonly ConditionEvaluator _conditions = new(host);

    public bool EvaluateCondition(Condition condition, ExpressionScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        try
        {
            return _conditions.Evaluate(condition, new ConditionContext
            {
                Form = scope.Form,
                Vars = scope.Vars,
                Initiator = scope.Initiator,
                Nodes = scope.Nodes,
                Row = (scope.Row ?? scope.Record) as JsonObject,
            }, cancellationToken);
        }
        catch (ScriptException exception)
        {
            throw new FlowExpressionException(exception.Message, exception);
        }
    }

    public JsonNode? Evaluate(string expression, ExpressionScope scope, CancellationToken cancellationToken)
    {
        try
        {
            return host.Evaluate(expression, ToScriptScope(scope), cancellationToken);
        }
        catch (ScriptException exception)
        {
            throw new FlowExpressionException(exception.Message, exception);
        }
    }

    public ScriptOutcome Execute(string script, ExpressionScope scope, CancellationToken cancellationToken)
    {
        try
        {
            var result = host.Execute(script, ToScriptScope(scope), cancellationToken);
            return new ScriptOutcome(result.Form, result.Vars, result.Value);
        }
        catch (ScriptException exception)
        {
            throw new FlowExpressionException(exception.Message, exception);
        }
    }

    private static ScriptScope ToScriptScope(ExpressionScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return new ScriptScope
        {
            Form = scope.Form,
            Vars = scope.Vars,
            Initiator = scope.Initiator,
            Nodes = scope.Nodes,
            Row = (scope.Row ?? scope.Record) as JsonObject,
        };
    }
}
