using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Expressions;
using WorkflowKit.Forms;
using WorkflowKit.Records;

namespace WorkflowKit.Runtime.Records;

/// <summary>
/// Computes the defaults and formulas of records that createRecord and updateRecord nodes write, as a form submission
/// does, so that a formula such as <c>availableQuantity = quantity - reservedQuantity</c> follows a node's changes.
/// Forms are read from the record store's registry. A store without one (test doubles) gets no computation. It also
/// recomputes an instance's form after a task changed it.
/// </summary>
internal sealed class RecordFormulas(IRecordFormRegistry? forms, TimeProvider time, TimeZoneInfo zone)
{
    private readonly ConditionalWeakTable<FormDefinition, FormulaGraph> _graphs = [];
    private readonly ExpressionFormulaEvaluator _evaluator =
        new(new FormulaEngine(), new ScriptHost(timeProvider: time), zone);

    /// <summary>Fills the defaults of a new record's empty fields and computes its formulas, in place.</summary>
    /// <exception cref="FormulaEvaluationException">A formula or default expression fails.</exception>
    public async Task ComputeNewAsync(string formKey, JsonObject data, CancellationToken cancellationToken)
    {
        if (await GraphAsync(formKey, cancellationToken).ConfigureAwait(false) is not { } graph)
        {
            return;
        }

        graph.Graph.ApplyDefaults(data, cancellationToken);
        graph.Graph.RecalculateAll(data, cancellationToken);
    }

    /// <summary>
    /// Adds to <paramref name="changes"/> every formula field (and sub-table with formula columns) whose value the
    /// changes alter, computed on the record's current data with the changes applied.
    /// </summary>
    /// <exception cref="FormulaEvaluationException">A formula fails.</exception>
    public async Task AddComputedAsync(
        string formKey, JsonObject current, JsonObject changes, CancellationToken cancellationToken)
    {
        if (await GraphAsync(formKey, cancellationToken).ConfigureAwait(false) is not { } graph)
        {
            return;
        }

        var merged = (JsonObject)current.DeepClone();
        foreach (var (fieldId, value) in changes)
        {
            merged[fieldId] = value?.DeepClone();
        }

        graph.Graph.RecalculateAll(merged, cancellationToken);
        foreach (var field in graph.Form.Fields.Where(HasFormula))
        {
            if (changes.ContainsKey(field.Id) || !JsonNode.DeepEquals(merged[field.Id], current[field.Id]))
            {
                changes[field.Id] = merged[field.Id]?.DeepClone();
            }
        }
    }

    /// <summary>Recomputes every formula of an instance's form in place, after a task submitted changes.</summary>
    /// <exception cref="FormulaEvaluationException">A formula fails.</exception>
    public void Recalculate(FormDefinition form, JsonObject data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (form.Fields.Any(HasFormula))
        {
            _graphs.GetValue(form, definition => FormulaGraph.Build(definition, _evaluator)).RecalculateAll(data, cancellationToken);
        }
    }

    private static bool HasFormula(FieldDefinition field) =>
        field.Formula is not null || (field.Fields?.Any(column => column.Formula is not null) ?? false);

    private async Task<(FormDefinition Form, FormulaGraph Graph)?> GraphAsync(string formKey, CancellationToken cancellationToken)
    {
        if (forms is null
            || await forms.FindFormAsync(formKey, cancellationToken).ConfigureAwait(false) is not { } form)
        {
            return null;
        }

        if (!FormulaGraph.HasComputedFields(form))
        {
            return null;
        }

        return (form, _graphs.GetValue(form, definition => FormulaGraph.Build(definition, _evaluator)));
    }
}
