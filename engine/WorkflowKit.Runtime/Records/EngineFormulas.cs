using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Expressions;
using WorkflowKit.Forms;

namespace WorkflowKit.Runtime.Records;

/// <summary>
/// The engine's defaults and formulas, computed as a form submission does: at a start and a resubmission, after a
/// task changed an instance's form, and on the records that createRecord and updateRecord nodes write (so that a
/// formula such as <c>availableQuantity = quantity - reservedQuantity</c> follows a node's changes). TODAY() is the
/// engine clock's date in the time zone of the flow that computes. One formula graph per form and time zone is kept.
/// </summary>
internal sealed class EngineFormulas(TimeProvider time)
{
    private readonly ConditionalWeakTable<FormDefinition, ConcurrentDictionary<string, FormulaGraph>> _graphs = [];
    private readonly FormulaEngine _formulas = new(time);
    private readonly ScriptHost _scripts = new(timeProvider: time);

    /// <summary>Fills the defaults of empty fields and computes every formula, in place.</summary>
    /// <exception cref="FormulaEvaluationException">A formula or default expression fails.</exception>
    public void ComputeNew(FormDefinition form, JsonObject data, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!FormulaGraph.HasComputedFields(form))
        {
            return;
        }

        var graph = Graph(form, zone);
        graph.ApplyDefaults(data, cancellationToken);
        graph.RecalculateAll(data, cancellationToken);
    }

    /// <summary>
    /// Recomputes the formulas of <paramref name="merged"/>, the record's <paramref name="current"/> data with
    /// <paramref name="changes"/> applied, in place. Then adds to <paramref name="changes"/> every formula field (and
    /// sub-table with formula columns) whose value they alter, so that <paramref name="merged"/> stays the current
    /// data with the changes applied.
    /// </summary>
    /// <exception cref="FormulaEvaluationException">A formula fails.</exception>
    public void AddComputed(
        FormDefinition form, JsonObject current, JsonObject changes, JsonObject merged, TimeZoneInfo zone,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!FormulaGraph.HasComputedFields(form))
        {
            return;
        }

        Graph(form, zone).RecalculateAll(merged, cancellationToken);
        foreach (var field in form.Fields.Where(HasFormula))
        {
            if (changes.ContainsKey(field.Id) || !JsonNode.DeepEquals(merged[field.Id], current[field.Id]))
            {
                changes[field.Id] = merged[field.Id]?.DeepClone();
            }
            else if (!current.ContainsKey(field.Id))
            {
                // The formula gave null for a field the record lacks. The write leaves it out, and so does merged.
                merged.Remove(field.Id);
            }
        }
    }

    /// <summary>Recomputes every formula of an instance's form in place, after a task submitted changes.</summary>
    /// <exception cref="FormulaEvaluationException">A formula fails.</exception>
    public void Recalculate(FormDefinition form, JsonObject data, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (form.Fields.Any(HasFormula))
        {
            Graph(form, zone).RecalculateAll(data, cancellationToken);
        }
    }

    private FormulaGraph Graph(FormDefinition form, TimeZoneInfo zone) =>
        _graphs.GetValue(form, _ => new ConcurrentDictionary<string, FormulaGraph>(StringComparer.Ordinal))
            .GetOrAdd(zone.Id, _ => FormulaGraph.Build(form, new ExpressionFormulaEvaluator(_formulas, _scripts, zone)));

    private static bool HasFormula(FieldDefinition field) =>
        field.Formula is not null || (field.Fields?.Any(column => column.Formula is not null) ?? false);
}
