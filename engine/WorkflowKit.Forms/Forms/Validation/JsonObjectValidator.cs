using System.Globalization;
using System.Text.Json.Nodes;
using FluentValidation;
using WorkflowKit.Definitions.Forms;

namespace WorkflowKit.Forms.Validation;

/// <summary>
/// The FluentValidation validator of a JSON object whose properties are form fields: the form
/// data itself, or one sub-table row. Each field is one rule whose checks stop at the first
/// failure (type before required before range, and so on); sub-tables validate each row with
/// a nested validator, so errors carry paths such as <c>lines[2].quantity</c>.
/// </summary>
internal sealed class JsonObjectValidator<T> : AbstractValidator<T>
{
    public JsonObjectValidator(
        FormDefinition form, IReadOnlyList<FieldDefinition> fields, FieldDefinition? table, Func<T, FieldScope> scope,
        FormValidationServices services, FormMessages messages)
    {
        var inSubTable = table is not null;
        foreach (var field in fields)
        {
            AddField(form, field, inSubTable, scope, services, messages);
        }

        var rules = table is null ? form.Rules : table.RowRules;
        if (rules is { Count: > 0 })
        {
            var evaluator = services.Conditions ?? throw new InvalidOperationException(
                $"Form '{form.Key}' has {(table is null ? "cross-field rules" : $"row rules on '{table.Id}'")}; set " +
                "FormValidationServices.Conditions to a condition evaluator to validate them.");
            RuleFor(instance => scope(instance).Data).CustomAsync((_, context, token) =>
            {
                var current = scope(context.InstanceToValidate);
                var prefix = table is null
                    ? null
                    : $"{table.Id}[{(current.RowIndex ?? 0).ToString(CultureInfo.InvariantCulture)}]";
                FormRuleChecks.Check(rules, current, prefix, evaluator, messages, context, token);
                return Task.CompletedTask;
            });
        }

        if (!inSubTable)
        {
            var known = new HashSet<string>(fields.Select(field => field.Id), StringComparer.Ordinal);
            RuleFor(instance => scope(instance).Data).Custom((data, context) =>
            {
                foreach (var (key, value) in data)
                {
                    if (!known.Contains(key) && !key.StartsWith('$'))
                    {
                        context.AddFailure(new FluentValidation.Results.ValidationFailure(key,
                            messages.UnknownField(key), value)
                        {
                            ErrorCode = "unknownField",
                        });
                    }
                }
            });
        }
    }

    private void AddField(
        FormDefinition form, FieldDefinition field, bool inSubTable, Func<T, FieldScope> scope,
        FormValidationServices services, FormMessages messages)
    {
        var id = field.Id;
        IRuleBuilder<T, JsonNode?> rule = RuleFor(instance => scope(instance).Data[id]).Cascade(CascadeMode.Stop);
        IRuleBuilderOptions<T, JsonNode?>? options = null;
        foreach (var check in FieldChecks.For(field, messages))
        {
            options = rule.SetValidator(new FieldCheckValidator<T>(check, scope)).WithErrorCode(check.Code);
            rule = options;
        }

        if (field.Type == FieldTypes.SubTable && (field.MinRows is not null || field.MaxRows is not null))
        {
            var label = field.Label.Get(messages.Culture.Name);
            var rows = new FieldCheck("rows", (value, _) =>
            {
                var count = value is JsonArray items ? items.Count : 0;
                return count < field.MinRows ? messages.TooFewRows(label, count, field.MinRows.Value)
                    : count > field.MaxRows ? messages.TooManyRows(label, count, field.MaxRows.Value)
                    : null;
            });
            options = rule.SetValidator(new FieldCheckValidator<T>(rows, scope)).WithErrorCode(rows.Code);
            rule = options;
        }

        foreach (var check in AsyncFieldChecks.For(form, field, inSubTable, services, messages))
        {
            options = rule.SetAsyncValidator(new AsyncFieldCheckValidator<T>(check, scope)).WithErrorCode(check.Code);
            rule = options;
        }

        options?.OverridePropertyName(id);

        if (field.Type == FieldTypes.SubTable && field.Fields is { Count: > 0 } columns && !inSubTable)
        {
            var rowValidator = new JsonObjectValidator<SubTableRow>(
                form, columns, field, row => row.Scope, services, messages);
            RuleForEach(instance => Rows(scope(instance), id))
                .SetValidator(rowValidator)
                .OverridePropertyName(id);

            var uniqueness = SubTableUniqueness.For(form, field, services, messages);
            if (uniqueness is not null)
            {
                RuleFor(instance => scope(instance).Data).CustomAsync((_, context, token) =>
                    uniqueness.CheckAsync(scope(context.InstanceToValidate), context, token));
            }
        }
    }

    private static IEnumerable<SubTableRow> Rows(FieldScope scope, string id)
    {
        if (scope.Data[id] is not JsonArray rows)
        {
            return [];
        }

        return rows
            .Select((row, index) => (row, index))
            .Where(pair => pair.row is JsonObject)
            .Select(pair => new SubTableRow((JsonObject)pair.row!, scope.Root, pair.index));
    }
}
