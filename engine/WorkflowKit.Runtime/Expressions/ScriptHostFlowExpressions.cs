using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Conditions;
using WorkflowKit.Expressions;

namespace WorkflowKit.Runtime.Expressions;

/// <summary>
/// The engine's expressions on the sandboxed <see cref="ScriptHost"/> and the rule-builder
/// <see cref="ConditionEvaluator"/>. Every failure, including a limit that a script hits, becomes a
/// <see cref="FlowExpressionException"/> carrying the host's message and kind.
/// </summary>
/// <remarks>
/// In updateRecord values the record being updated is <c>record</c>; it is also passed as <c>row</c>
/// when no sub-table row is current, so <c>row.stock</c> reads the record's field as well.
/// </remarks>
public sealed class ScriptHostFlowExpressions(ScriptHost host) : IFlowExpressions
{
    private readonly ConditionEvaluator _conditions = new(host ?? throw new ArgumentNullException(nameof(host)));

    public bool EvaluateCondition(Condition condition, ExpressionScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(scope);
        try
        {
            return _conditions.Evaluate(condition, new ConditionContext
            {
                Form = scope.Form,
                Vars = scope.Vars,
                Params = scope.Params,
                Initiator = scope.Initiator,
                Nodes = scope.Nodes,
                Row = RowOf(scope),
                Now = scope.Now,
                TimeZone = scope.TimeZone ?? TimeZoneInfo.Utc,
                QueryRecords = scope.QueryRecords,
            }, cancellationToken);
        }
        catch (ScriptException exception)
        {
            throw Wrap(exception);
        }
        catch (ArgumentException exception)
        {
            throw new FlowExpressionException(exception.Message, exception) { Kind = "definition" };
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
            throw Wrap(exception);
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
            throw Wrap(exception);
        }
    }

    private static ScriptScope ToScriptScope(ExpressionScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return new ScriptScope
        {
            Form = scope.Form,
            Vars = scope.Vars,
            Params = scope.Params,
            Initiator = scope.Initiator,
            Nodes = scope.Nodes,
            Row = RowOf(scope),
            Record = scope.Record as JsonObject,
            Now = scope.Now,
            TimeZone = scope.TimeZone ?? TimeZoneInfo.Utc,
            QueryRecords = scope.QueryRecords,
        };
    }

    private static JsonObject? RowOf(ExpressionScope scope) => (scope.Row ?? scope.Record) as JsonObject;

    private static FlowExpressionException Wrap(ScriptException exception) =>
        new(exception.Message, exception) { Kind = exception.Kind.ToString() };
}
