using System.Text.Json.Nodes;
using WorkflowKit.Definitions;

namespace WorkflowKit.Forms;

/// <summary>
/// Evaluates formula and default expressions, in the formula syntax or JavaScript, and lists
/// the fields an expression reads. The evaluator over WorkflowKit.Expressions is the
/// implementation over the expression engine (WorkflowKit.Expressions).
/// </summary>
public interface IFormulaEvaluator
{
    /// <summary>
    /// The field paths an expression reads: a form field id ("total"), a sub-table column
    /// ("lines.amount"), or a column of the current row ("row.quantity").
    /// </summary>
    IReadOnlyCollection<string> Dependencies(Expression expression);

    /// <summary>Evaluates an expression over the form data and, inside a sub-table, the current row.</summary>
    JsonNode? Evaluate(Expression expression, JsonObject form, JsonObject? row, CancellationToken cancellationToken);
}
