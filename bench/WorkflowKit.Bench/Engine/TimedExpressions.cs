using System.Diagnostics;
using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Conditions;
using WorkflowKit.Runtime.Expressions;

namespace WorkflowKit.Bench.Engine;

/// <summary>Times every condition, expression and script the engine evaluates.</summary>
public sealed class TimedExpressions(IFlowExpressions inner, PhaseTimes phases) : IFlowExpressions
{
    public bool EvaluateCondition(Condition condition, ExpressionScope scope, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return inner.EvaluateCondition(condition, scope, cancellationToken);
        }
        finally
        {
            phases.Add(PhaseTimes.Expressions, started);
        }
    }

    public JsonNode? Evaluate(string expression, ExpressionScope scope, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return inner.Evaluate(expression, scope, cancellationToken);
        }
        finally
        {
            phases.Add(PhaseTimes.Expressions, started);
        }
    }

    public ScriptOutcome Execute(string script, ExpressionScope scope, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return inner.Execute(script, scope, cancellationToken);
        }
        finally
        {
            phases.Add(PhaseTimes.Expressions, started);
        }
    }
}
