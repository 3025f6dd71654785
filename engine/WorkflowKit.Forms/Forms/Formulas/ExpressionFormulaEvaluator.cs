using System.Text.Json.Nodes;
using WorkflowKit.Definitions;
using WorkflowKit.Expressions;

namespace WorkflowKit.Forms;

/// <summary>
/// Evaluates formulas and defaults with the expression engine: the formula syntax through
/// <see cref="FormulaEngine"/> (decimal arithmetic) and JavaScript through the bounded
/// <see cref="ScriptHost"/>. Dependencies come from the parsed formula or from
/// <see cref="JavaScriptDependencies.Find"/>, without running anything.
/// </summary>
public sealed class ExpressionFormulaEvaluator : IFormulaEvaluator
{
    private readonly FormulaEngine _formulas;
    private readonly ScriptHost _scripts;
    private readonly TimeZoneInfo _timeZone;

    /// <param name="formulas">The formula syntax engine.</param>
    /// <param name="scripts">The script host for JavaScript expressions.</param>
    /// <param name="tenantTimeZone">Time zone of TODAY() and local dates; Asia/Shanghai when null.</param>
    public ExpressionFormulaEvaluator(FormulaEngine formulas, ScriptHost scripts, TimeZoneInfo? tenantTimeZone = null)
    {
        ArgumentNullException.ThrowIfNull(formulas);
        ArgumentNullException.ThrowIfNull(scripts);
        _formulas = formulas;
        _scripts = scripts;
        _timeZone = tenantTimeZone ?? TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    }

    public IReadOnlyCollection<string> Dependencies(Expression expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        if (!string.IsNullOrWhiteSpace(expression.Formula))
        {
            return _formulas.Parse(expression.Formula).Dependencies;
        }

        return string.IsNullOrWhiteSpace(expression.JavaScript) ? []
            : JavaScriptDependencies.Find(expression.JavaScript);
    }

    public JsonNode? Evaluate(
        Expression expression, JsonObject form, JsonObject? row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(form);
        if (!string.IsNullOrWhiteSpace(expression.Formula))
        {
            return _formulas.Evaluate(
                expression.Formula, new FormulaContext { Form = form, Row = row, TimeZone = _timeZone });
        }

        if (!string.IsNullOrWhiteSpace(expression.JavaScript))
        {
            return _scripts.Evaluate(
                expression.JavaScript, new ScriptScope { Form = form, Row = row, TimeZone = _timeZone },
                    cancellationToken);
        }

        return null;
    }
}
