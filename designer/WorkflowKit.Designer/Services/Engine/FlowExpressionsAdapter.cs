using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Conditions;
using WorkflowKit.Expressions;
using WorkflowKit.Runtime.Expressions;

namespace WorkflowKit.Designer.Services.Engine;

/// <summary>The engine's expressions, evaluated by the sandboxed expressions library.</summary>
public sealed class FlowExpressionsAdapter(ScriptHost host) : IFlowExpressions
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
                Row = scope.Row as JsonObject,
            }, cancellationToken);
        }
        catch (ScriptException error)
        {
            throw new FlowExpressionException(error.Message, error);
        }
    }

    public JsonNode? Evaluate(string expression, ExpressionScope scope, CancellationToken cancellationToken)
    {
        try
        {
            return host.Evaluate(expression, Scope(scope), cancellationToken);
        }
        catch (ScriptException error)
        {
            throw new FlowExpressionException(error.Message, error);
        }
    }

    public ScriptOutcome Execute(string script, ExpressionScope scope, CancellationToken cancellationToken)
    {
        try
        {
            var result = host.Execute(script, Scope(scope), cancellationToken);
            return new ScriptOutcome(result.Form, result.Vars, result.Value);
        }
        catch (ScriptException error)
        {
            throw new FlowExpressionException(error.Message, error);
        }
    }

    private static ScriptScope Scope(ExpressionScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return new ScriptScope
        {
            Form = scope.Form,
            Vars = scope.Vars,
            Initiator = scope.Initiator,
            Nodes = scope.Nodes,
            Row = scope.Row as JsonObject,
        };
    }
}
