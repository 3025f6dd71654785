using System.Globalization;
using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Conditions;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Forms;
using WorkflowKit.Records;
using WorkflowKit.Runtime.Execution;
using WorkflowKit.Runtime.Expressions;
using WorkflowKit.Runtime.Incidents;
using WorkflowKit.Runtime.Triggers;
using WorkflowKit.Storage;

namespace WorkflowKit.Runtime.Records;

/// <summary>
/// createRecord and updateRecord nodes: values and sub-table rows computed by expressions,
/// written through the record store inside the step's transaction so they commit with the step.
/// </summary>
internal sealed class RecordNodeHandler(EngineServices services)
{
    private const int MaxMatchedRecords = 500;

    public async Task<JsonObject> RunAsync(StepContext context, NodeDefinition node, CancellationToken cancellationToken)
    {
        var formKey = node.Form ?? throw new FlowFaultException(
            IncidentKinds.Definition, $"Record node '{node.Id}' names no form; set \"form\" to the target form's key.");
        var form = services.RecordForms is null
            ? null
            : await services.RecordForms.FindFormAsync(formKey, cancellationToken).ConfigureAwait(false);
        if (node.Type == NodeTypes.CreateRecord)
        {
            var data = Values(context, node, record: null, cancellationToken);
            foreach (var (fieldId, write) in node.SubTables ?? [])
            {
                data[fieldId] = MergeRows(context, node, fieldId, write, existing: null, cancellationToken);
            }

            // The values are computed and checked before the write lock is taken, so other steps keep writing
            // meanwhile. The uniqueness check therefore does not see records that this step wrote earlier.
            if (form is not null)
            {
                var zone = services.Zone(context.Graph);
                Compute(node, () => services.Formulas.ComputeNew(form, data, zone, cancellationToken));
                await CheckAsync(context, node, form, data, null, null, null, cancellationToken).ConfigureAwait(false);
            }

            var transaction = await context.Unit.WriteAsync(cancellationToken).ConfigureAwait(false);
            var writer = new RecordWriteContext(context.ActorForAudit, transaction, context.Instance.Id)
            {
                TriggerDepth = RecordTriggerChain.DepthOf(context.Vars),
            };
            var created = await services.Records.CreateAsync(formKey, data, writer, cancellationToken).ConfigureAwait(false);
            return new JsonObject { ["recordId"] = created.Id, ["form"] = formKey };
        }

        var updateTransaction = await context.Unit.WriteAsync(cancellationToken).ConfigureAwait(false);
        var updateWriter = new RecordWriteContext(context.ActorForAudit, updateTransaction, context.Instance.Id)
        {
            TriggerDepth = RecordTriggerChain.DepthOf(context.Vars),
        };
        var targets = await TargetsAsync(context, node, formKey, cancellationToken).ConfigureAwait(false);
        var updated = new JsonArray();
        (JsonObject Stored, JsonObject Changes)? startRecordChanges = null;
        foreach (var record in targets)
        {
            var changes = Values(context, node, record.Data, cancellationToken);
            foreach (var (fieldId, write) in node.SubTables ?? [])
            {
                changes[fieldId] = MergeRows(context, node, fieldId, write, record.Data[fieldId] as JsonArray, cancellationToken);
            }

            if (form is not null)
            {
                // One copy of the record with the changes applied, for the formulas and then for the rules.
                var merged = (JsonObject)record.Data.DeepClone();
                foreach (var (fieldId, value) in changes)
                {
                    merged[fieldId] = value?.DeepClone();
                }

                Compute(node, () => services.Formulas.AddComputed(
                    form, record.Data, changes, merged, services.Zone(context.Graph), cancellationToken));
                await CheckAsync(
                    context, node, form, merged, record.Data, record.Id, updateTransaction, cancellationToken)
                    .ConfigureAwait(false);
            }

            var written = await services.Records.UpdateAsync(
                formKey, record.Id, changes, record.Version, updateWriter, cancellationToken).ConfigureAwait(false);
            if (IsStartRecord(context, formKey, record.Id))
            {
                startRecordChanges = (written.Data, changes);
            }

            updated.Add(record.Id);
        }

        // Copied only after every matched record was written, because a failing write rolls the node back.
        if (startRecordChanges is { } start)
        {
            foreach (var (fieldId, _) in start.Changes)
            {
                context.Instance.Form[fieldId] = start.Stored[fieldId]?.DeepClone();
            }
        }

        return new JsonObject { ["recordIds"] = updated, ["updated"] = updated.Count, ["form"] = formKey };
    }

    /// <summary>
    /// Runs the target form's rules on the record the node writes and raises an incident that names each broken field.
    /// </summary>
    private async Task CheckAsync(
        StepContext context, NodeDefinition node, FormDefinition form, JsonObject data, JsonObject? current,
        long? recordId, IStorageTransaction? transaction, CancellationToken cancellationToken)
    {
        var errors = await services.FormChecks.CheckRecordAsync(
                form, data, current, recordId, context.Instance.Initiator, transaction, cancellationToken)
            .ConfigureAwait(false);
        if (errors.Count == 0)
        {
            return;
        }

        var target = recordId is { } id ? $"record {id} of form '{form.Key}'" : $"a new record of form '{form.Key}'";
        throw new FlowFaultException(
            IncidentKinds.InvalidRecord,
            $"Record node '{node.Id}' would write {target} that breaks the form's rules: " +
            string.Join("; ", errors.Select(error => $"{error.Path}: {error.Message.TrimEnd('.')}")) +
            ". Correct the values the node writes (or the instance data they come from), then retry the incident.");
    }

    /// <summary>
    /// Whether a record is the one that the start created (<c>settings.startCreatesRecord</c>, its id in
    /// <c>vars.recordId</c>). The instance's form is that record's data, so an update of it is copied into the form.
    /// </summary>
    private static bool IsStartRecord(StepContext context, string formKey, long recordId) =>
        context.Graph.Published.Form?.Key == formKey
        && context.StartRecordId == recordId;

    /// <summary>Runs a formula computation and turns a failing formula into an incident of the node.</summary>
    private static void Compute(NodeDefinition node, Action compute)
    {
        try
        {
            compute();
        }
        catch (FormulaEvaluationException error)
        {
            throw new FlowFaultException(
                IncidentKinds.Expression,
                $"Record node '{node.Id}': formula of field '{error.Path}' failed: {error.Message} Fix the formula or " +
                "the values the node writes, then retry the incident.");
        }
    }

    private async Task<IReadOnlyList<RecordEntry>> TargetsAsync(
        StepContext context, NodeDefinition node, string formKey, CancellationToken cancellationToken)
    {
        if (node.RecordId is { } idExpression)
        {
            var value = Evaluate(context, node, idExpression, null, null, cancellationToken);
            if (!TryReadId(value, out var id))
            {
                throw new FlowFaultException(
                    IncidentKinds.Expression,
                    $"Record node '{node.Id}': recordId \"{idExpression}\" gave {value?.ToJsonString() ?? "null"}, " +
                    "expected a record id number.");
            }

            var record = await services.Records.GetAsync(formKey, id, context.Transaction, cancellationToken).ConfigureAwait(false);
            return record is null || record.Deleted
                ? throw new FlowFaultException(
                    IncidentKinds.Routing, $"Record node '{node.Id}': record {id} of form '{formKey}' does not exist.")
                : [record];
        }

        if (node.Match is null)
        {
            throw new FlowFaultException(
                IncidentKinds.Definition, $"Update node '{node.Id}' needs \"recordId\" or \"match\" to find its records.");
        }

        var filter = ResolveMatch(context, node, node.Match, cancellationToken);
        var page = await services.Records.QueryAsync(
            new RecordQuery(formKey) { Filter = filter, Limit = MaxMatchedRecords }, context.Transaction, cancellationToken)
            .ConfigureAwait(false);
        return page.Items;
    }

    /// <summary>Replaces rules' <c>valueField</c> paths into the instance by their current values.</summary>
    private Condition ResolveMatch(StepContext context, NodeDefinition node, Condition match, CancellationToken cancellationToken)
    {
        if (match.Any is null)
        {
            throw new FlowFaultException(
                IncidentKinds.Definition, $"Update node '{node.Id}': \"match\" must use structured rules, not JavaScript.");
        }

        return new Condition
        {
            Any = [.. match.Any.Select(group => new RuleGroup
            {
                All = [.. group.All.Select(rule => rule.ValueField is null ? rule : new Rule
                {
                    Field = rule.Field,
                    Operator = rule.Operator,
                    Value = Evaluate(context, node, rule.ValueField, null, null, cancellationToken)?.DeepClone(),
                })],
            })],
        };
    }

    private JsonObject Values(StepContext context, NodeDefinition node, JsonNode? record, CancellationToken cancellationToken)
    {
        var data = new JsonObject();
        foreach (var (fieldId, expression) in node.Values ?? [])
        {
            data[fieldId] = Evaluate(context, node, expression, record, null, cancellationToken)?.DeepClone();
        }

        return data;
    }

    private JsonArray MergeRows(
        StepContext context, NodeDefinition node, string fieldId, SubTableWrite write, JsonArray? existing,
        CancellationToken cancellationToken)
    {
        var source = Evaluate(context, node, write.Rows, existing, null, cancellationToken) as JsonArray ?? [];
        var incoming = source.Select(row =>
        {
            var values = new JsonObject();
            foreach (var (column, expression) in write.Values ?? [])
            {
                values[column] = Evaluate(context, node, expression, existing, row, cancellationToken)?.DeepClone();
            }

            return write.Values is null ? (JsonObject)(row?.DeepClone() ?? new JsonObject()) : values;
        }).ToList();

        var result = write.Strategy == "replace" || existing is null ? [] : (JsonArray)existing.DeepClone();
        foreach (var row in incoming)
        {
            var match = write.Strategy == "updateMatching" && write.MatchOn is { Count: > 0 } keys
                ? result.OfType<JsonObject>().FirstOrDefault(old => keys.All(key => JsonNode.DeepEquals(old[key], row[key])))
                : null;
            if (match is null)
            {
                result.Add(row);
                continue;
            }

            foreach (var (column, value) in row)
            {
                match[column] = value?.DeepClone();
            }
        }

        if (!SubTableWrite.Strategies.Contains(write.Strategy))
        {
            throw new FlowFaultException(
                IncidentKinds.Definition,
                $"Record node '{node.Id}': sub-table '{fieldId}' has strategy \"{write.Strategy}\"; expected append, " +
                "updateMatching or replace.");
        }

        return result;
    }

    private JsonNode? Evaluate(
        StepContext context, NodeDefinition node, string expression, JsonNode? record, JsonNode? row,
        CancellationToken cancellationToken)
    {
        try
        {
            return services.Expressions.Evaluate(expression, context.Scope(record, row), cancellationToken);
        }
        catch (FlowExpressionException exception)
        {
            throw new FlowFaultException(
                IncidentKinds.Expression, $"Record node '{node.Id}': \"{expression}\" failed: {exception.Message}", exception);
        }
    }

    private static bool TryReadId(JsonNode? value, out long id)
    {
        id = 0;
        return value is JsonValue json
            && (json.TryGetValue(out id)
                || (json.TryGetValue<decimal>(out var number) && number == decimal.Truncate(number) && (id = (long)number) > 0)
                || (json.TryGetValue<string>(out var text)
                    && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id)));
    }
}
