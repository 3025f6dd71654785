using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Expressions;
using WorkflowKit.Forms;

namespace WorkflowKit.Designer.Forms;

/// <summary>
/// Formula graphs of the forms shown in the browser, built once per form definition instance, so that defaults and
/// formulas follow each edit with the same evaluator the engine uses on the server.
/// </summary>
public sealed class FormFormulas(ScriptHost scripts)
{
    private readonly ConditionalWeakTable<FormDefinition, FormulaGraph> _graphs = [];
    private readonly ExpressionFormulaEvaluator _evaluator = new(new FormulaEngine(), scripts);

    /// <summary>Returns the graph of the form's formulas and defaults, or null when the form has neither.</summary>
    public FormulaGraph? For(FormDefinition form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return FormulaGraph.HasComputedFields(form)
            ? _graphs.GetValue(form, definition => FormulaGraph.Build(definition, _evaluator))
            : null;
    }

    /// <summary>
    /// Fills a new form's defaults and computes its formulas. A formula that fails leaves its field empty, because the
    /// server computes it again and reports the failure with the submission.
    /// </summary>
    public void Prepare(FormDefinition form, JsonObject data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (For(form) is not { } graph)
        {
            return;
        }

        try
        {
            graph.ApplyDefaults(data, CancellationToken.None);
            graph.RecalculateAll(data, CancellationToken.None);
        }
        catch (FormulaEvaluationException)
        {
        }
    }
}
