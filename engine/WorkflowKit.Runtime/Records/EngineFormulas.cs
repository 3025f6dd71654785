using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Expressions;
using WorkflowKit.Forms;
using WorkflowKit.Records;

namespace WorkflowKit.Runtime.Records;

/// <summary>
/// The engine's defaults and formulas, computed as a form submission does: at a start and a resubmission, after a
/// task changed an instance's form, and on the records that createRecord and updateRecord nodes write (so that a
/// formula such as <c>availableQuantity = quantity - reservedQuantity</c> follows a node's changes). TODAY() is the
/// engine clock's date in the time zone of the flow that computes. One formula graph per form and time zone is kept.
/// Record nodes read forms from the record store's registry; a store without one (test doubles) gets no computation.
/// </summary>
internal sealed class EngineFormulas(IRecordFormRegistry? forms, TimeProvider time)
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

    /// <summary>Fills the defaults of a new record's empty fields and computes its formulas, in place.</summary>
    /// <exception cref="FormulaEvaluationException">A formula or default expression fails.</exception>
    public async Task ComputeNewAsync(
        string formKey, JsonObject data, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        if (await FindFormAsync(formKey, cancellationToken).ConfigureAwait(false) is { } form)
        {
            ComputeNew(form, data, zone, cancellationToken);
        }
    }

    /// <summary>
    /// Adds to <paramref name="changes"/> every formula field (and sub-table with formula columns) whose value the
    /// changes alter, computed on the record's current data with the changes applied.
    /// </summary>
    /// <exception cref="FormulaEvaluationException">A formula fails.</exception>
    public async Task AddComputedAsync(
        string formKey, JsonObject current, JsonObject changes, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        if (await FindFormAsync(formKey, cancellationToken).ConfigureAwait(false) is not { } form
            || !FormulaGraph.HasComputedFields(form))
        {
            return;
        }

        var merged = (JsonObject)current.DeepClone();
        foreach (var (fieldId, value) in changes)
        {
            merged[fieldId] = value?.DeepClone();
        }

        Graph(form, zone).RecalculateAll(merged, cancellationToken);
        foreach (var field in form.Fields.Where(HasFormula))
        {
            if (changes.ContainsKey(field.Id) || !JsonNode.DeepEquals(merged[field.Id], current[field.Id]))
            {
                changes[field.Id] = merged[field.Id]?.DeepClone();
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

    private async Task<FormDefinition?> FindFormAsync(string formKey, CancellationToken cancellationToken) =>
        forms is null ? null : await forms.FindFormAsync(formKey, cancellationToken).ConfigureAwait(false);
}
