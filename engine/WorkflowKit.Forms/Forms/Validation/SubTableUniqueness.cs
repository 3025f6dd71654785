using System.Globalization;
using System.Text.Json.Nodes;
using FluentValidation;
using FluentValidation.Results;
using WorkflowKit.Definitions.Conditions;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Records;

namespace WorkflowKit.Forms.Validation;

/// <summary>
/// Uniqueness of sub-table columns. A value of a <c>unique</c> column may appear in one row of
/// the table only, and a value of a <c>uniqueAcrossRecords</c> column also in no row of another
/// live record of the form. Errors name the later repeated row, such as <c>lines[2].sku</c>.
/// </summary>
internal sealed class SubTableUniqueness
{
    private readonly FormDefinition _form;
    private readonly FieldDefinition _table;
    private readonly IReadOnlyList<FieldDefinition> _columns;
    private readonly IRecordStore? _records;
    private readonly FormMessages _messages;

    private SubTableUniqueness(
        FormDefinition form, FieldDefinition table, IReadOnlyList<FieldDefinition> columns, IRecordStore? records,
        FormMessages messages)
    {
        _form = form;
        _table = table;
        _columns = columns;
        _records = records;
        _messages = messages;
    }

    /// <summary>The checks of a sub-table, or null when none of its columns is unique.</summary>
    /// <exception cref="InvalidOperationException">A column is unique across records but no record store is set.</exception>
    public static SubTableUniqueness? For(
        FormDefinition form, FieldDefinition table, FormValidationServices services, FormMessages messages)
    {
        var columns = (table.Fields ?? []).Where(column => column.Unique || column.UniqueAcrossRecords).ToList();
        if (columns.Count == 0)
        {
            return null;
        }

        var column = columns.FirstOrDefault(candidate => candidate.UniqueAcrossRecords);
        if (column is not null && services.Records is null)
        {
            throw new InvalidOperationException(
                $"Column '{table.Id}.{column.Id}' of form '{form.Key}' needs a record store to be validated; set " +
                "FormValidationServices.Records.");
        }

        return new SubTableUniqueness(form, table, columns, services.Records, messages);
    }

    public async Task CheckAsync<T>(FieldScope scope, ValidationContext<T> context, CancellationToken cancellationToken)
    {
        if (scope.Data[_table.Id] is not JsonArray rows)
        {
            return;
        }

        foreach (var column in _columns)
        {
            var label = column.Label.Get(_messages.Culture.Name);
            var firstRows = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var index = 0; index < rows.Count; index++)
            {
                var value = (rows[index] as JsonObject)?[column.Id];
                if (FieldValues.IsEmpty(value) || value is not JsonValue)
                {
                    continue;
                }

                var key = Normalize(value);
                if (firstRows.TryGetValue(key, out var first))
                {
                    Fail(context, index, column, value, _messages.RepeatedInTable(label, Display(value), first + 1));
                    continue;
                }

                firstRows[key] = index;
                if (column.UniqueAcrossRecords
                    && await UsedElsewhereAsync(column, value, scope, cancellationToken).ConfigureAwait(false))
                {
                    Fail(context, index, column, value, _messages.NotUnique(label, Display(value)));
                }
            }
        }
    }

    private async Task<bool> UsedElsewhereAsync(
        FieldDefinition column, JsonNode value, FieldScope scope, CancellationToken cancellationToken)
    {
        var query = new RecordQuery(_form.Key)
        {
            Filter = Condition.AllOf(new Rule
            {
                Field = $"{_table.Id}.{column.Id}", Operator = RuleOperators.Equal, Value = value.DeepClone(),
            }),
            Where = scope.Root.RecordId is { } self
                ? RecordFilter.Compare(RecordSystemFields.Id, RuleOperators.NotEqual, self)
                : null,
            Limit = 1,
            CountTotal = false,
        };
        var page = await _records!.QueryAsync(query, scope.Root.Transaction, cancellationToken).ConfigureAwait(false);
        return page.Items.Count > 0;
    }

    private void Fail<T>(ValidationContext<T> context, int index, FieldDefinition column, JsonNode value,
        string message) =>
        context.AddFailure(new ValidationFailure(
            $"{_table.Id}[{index.ToString(CultureInfo.InvariantCulture)}].{column.Id}", message, value.DeepClone())
        {
            ErrorCode = "unique",
        });

    /// <summary>The comparison key of a value: numbers by decimal value (so 1.50 repeats 1.5), text as is.</summary>
    private static string Normalize(JsonNode value) =>
        FieldValues.TryGetDecimal(value, out var number)
            ? "n:" + number.ToString("G29", CultureInfo.InvariantCulture)
            : "s:" + (FieldValues.TryGetString(value, out var text) ? text : value.ToJsonString());

    private string Display(JsonNode value) => FieldValues.Display(value, _messages.Culture);
}
