using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Conditions;
using WorkflowKit.Records;

namespace WorkflowKit.Storage.PostgreSql.Records;

/// <summary>
/// Translates a <see cref="RecordFilter"/> into a PostgreSQL boolean expression over the
/// <c>records r</c> row. Values always go into parameters. Field ids are inlined as checked
/// literals (<see cref="PgRecordForm.Literal"/>) so that filters match the expression indexes.
/// </summary>
internal sealed class PostgresFilterTranslator(PgRecordForm form, List<(string Name, object? Value)> parameters)
{
    private int _next;

    public string Translate(RecordFilter filter) => filter switch
    {
        RecordFilterConstant constant => constant.Value ? "TRUE" : "FALSE",
        RecordFilterAnd and => "(" + string.Join(" AND ", and.Items.Select(Translate)) + ")",
        RecordFilterOr or => "(" + string.Join(" OR ", or.Items.Select(Translate)) + ")",
        RecordFilterNot not => "(NOT " + Translate(not.Item) + ")",
        RecordFilterRule rule => TranslateRule(rule),
        _ => throw new NotSupportedException($"Unknown record filter node {filter.GetType().Name}."),
    };

    /// <summary>The SQL expression of a field's value, for sorting.</summary>
    public string Column(string field) => PgRecordColumns.Column(field, form.KindOf(field));

    /// <summary>The field's value as JSONB, which keeps decimals exact, for grouping.</summary>
    public string JsonColumn(string field)
    {
        if (RecordSystemFields.All.Contains(field))
        {
            return "to_jsonb(" + Column(field) + ")";
        }

        form.RequireField(field);
        return $"(r.data -> {PgRecordForm.Literal(field)})";
    }

    public string Parameter(object? value)
    {
        var name = "@p" + _next.ToString(CultureInfo.InvariantCulture);
        _next++;
        parameters.Add((name, value));
        return name;
    }

    private string TranslateRule(RecordFilterRule rule)
    {
        if (form.SubTableColumn(rule.Field) is { } cell)
        {
            return TranslateRowRule(rule, cell.Table.Id, cell.Column.Id);
        }

        var kind = form.KindOf(rule.Field);
        if (rule.ValueField is { } other)
        {
            return CompareColumns(rule, kind, other);
        }

        return kind == PgValueKind.Array ? TranslateArrayRule(rule) : Predicate(rule, kind);
    }

    private string Predicate(RecordFilterRule rule, PgValueKind kind)
    {
        var column = PgRecordColumns.Column(rule.Field, kind);
        var text = PgRecordColumns.Text(rule.Field);
        switch (rule.Operator)
        {
            case RuleOperators.Equal:
                return rule.Value is null ? $"{column} IS NULL" : $"{column} = {Scalar(rule, kind, rule.Value)}";
            case RuleOperators.NotEqual:
                return $"{column} IS DISTINCT FROM {Scalar(rule, kind, rule.Value)}";
            case RuleOperators.GreaterThan:
                return $"{column} > {Scalar(rule, kind, rule.Value)}";
            case RuleOperators.GreaterThanOrEqual:
                return $"{column} >= {Scalar(rule, kind, rule.Value)}";
            case RuleOperators.LessThan:
                return $"{column} < {Scalar(rule, kind, rule.Value)}";
            case RuleOperators.LessThanOrEqual:
                return $"{column} <= {Scalar(rule, kind, rule.Value)}";
            case RuleOperators.Between:
                var bounds = Items(rule, 2);
                return $"{column} BETWEEN {Scalar(rule, kind, bounds[0])} AND {Scalar(rule, kind, bounds[1])}";
            case RuleOperators.In:
                return $"{column} = ANY({ListParameter(rule, kind)})";
            case RuleOperators.NotIn:
                return $"({column} IS NULL OR NOT ({column} = ANY({ListParameter(rule, kind)})))";
            case RuleOperators.Contains:
                return $"strpos({Lower(text)}, {LowerText(rule)}) > 0";
            case RuleOperators.NotContains:
                return $"({text} IS NULL OR strpos({Lower(text)}, {LowerText(rule)}) = 0)";
            case RuleOperators.StartsWith:
                var prefix = Text(rule);
                return $"left({text}, length({prefix})) = {prefix}";
            case RuleOperators.EndsWith:
                var suffix = Text(rule);
                return $"({suffix} = '' OR right({text}, length({suffix})) = {suffix})";
            case RuleOperators.IsEmpty:
                return $"({text} IS NULL OR {text} = '')";
            case RuleOperators.IsNotEmpty:
                return $"({text} IS NOT NULL AND {text} <> '')";
            case RecordFilter.SearchOperator:
                return $"strpos({Lower(text)}, {LowerText(rule)}) > 0";
            default:
                throw UnknownOperator(rule);
        }
    }

    /// <summary>
    /// A rule on a sub-table column (<c>lines.sku</c>): some row of the table contains the value. Document
    /// containment lets the GIN index (jsonb_path_ops) answer it.
    /// </summary>
    private string TranslateRowRule(RecordFilterRule rule, string table, string column)
    {
        if (rule.Operator != RuleOperators.Equal || rule.Value is not JsonValue value || rule.ValueField is not null)
        {
            throw new ArgumentException(
                $"Sub-table column '{rule.Field}' supports only \"eq\" with a single value (some row holds it); got " +
                $"\"{rule.Operator}\" with {rule.Value?.ToJsonString() ?? rule.ValueField ?? "null"}.", nameof(rule));
        }

        var document = new JsonObject { [table] = new JsonArray(new JsonObject { [column] = value.DeepClone() }) };
        return $"r.data @> CAST({Parameter(document.ToJsonString())} AS jsonb)";
    }

    private string TranslateArrayRule(RecordFilterRule rule)
    {
        var field = PgRecordForm.Literal(rule.Field);
        var elements = $"jsonb_array_elements_text({PgRecordColumns.Array(rule.Field)}) e(v)";
        var empty = $"(jsonb_array_length({PgRecordColumns.Array(rule.Field)}) = 0)";
        return rule.Operator switch
        {
            // Containment on the whole document lets the GIN index (jsonb_path_ops) answer it.
            RuleOperators.Contains or RuleOperators.Equal => $"r.data @> {Containment(rule)}",
            RuleOperators.NotContains or RuleOperators.NotEqual => $"NOT (r.data @> {Containment(rule)})",
            RuleOperators.In =>
                $"EXISTS (SELECT 1 FROM {elements} WHERE e.v = ANY({ListParameter(rule, PgValueKind.Text)}))",
            RuleOperators.NotIn =>
                $"NOT EXISTS (SELECT 1 FROM {elements} WHERE e.v = ANY({ListParameter(rule, PgValueKind.Text)}))",
            RuleOperators.IsEmpty => empty,
            RuleOperators.IsNotEmpty => $"(NOT {empty})",
            RecordFilter.SearchOperator =>
                $"EXISTS (SELECT 1 FROM {elements} WHERE strpos({Lower("e.v")}, {LowerText(rule)}) > 0)",
            _ => throw new ArgumentException(
                $"Operator '{rule.Operator}' does not apply to {field}, which holds several values; use " +
                "contains, notContains, in, notIn, isEmpty or isNotEmpty.", nameof(rule)),
        };
    }

    private string Containment(RecordFilterRule rule)
    {
        var element = rule.Value switch
        {
            JsonValue value => value.DeepClone(),
            null => null,
            _ => throw new ArgumentException(
                $"The rule on '{rule.Field}' compares with {rule.Value.ToJsonString()}; expected a single value.",
                nameof(rule)),
        };
        var document = new JsonObject { [rule.Field] = new JsonArray(element) };
        return $"CAST({Parameter(document.ToJsonString())} AS jsonb)";
    }

    private string CompareColumns(RecordFilterRule rule, PgValueKind kind, string other)
    {
        if (kind == PgValueKind.Array)
        {
            throw new ArgumentException(
                $"Field '{rule.Field}' holds several values and cannot be compared with field '{other}'.",
                nameof(rule));
        }

        var otherKind = form.KindOf(other);
        var (left, right) = kind == otherKind
            ? (PgRecordColumns.Column(rule.Field, kind), PgRecordColumns.Column(other, otherKind))
            : (PgRecordColumns.Text(rule.Field), PgRecordColumns.Text(other));
        return rule.Operator switch
        {
            RuleOperators.Equal => $"{left} = {right}",
            RuleOperators.NotEqual => $"{left} IS DISTINCT FROM {right}",
            RuleOperators.GreaterThan => $"{left} > {right}",
            RuleOperators.GreaterThanOrEqual => $"{left} >= {right}",
            RuleOperators.LessThan => $"{left} < {right}",
            RuleOperators.LessThanOrEqual => $"{left} <= {right}",
            RuleOperators.Contains =>
                $"strpos({Lower(PgRecordColumns.Text(rule.Field))}, {Lower(PgRecordColumns.Text(other))}) > 0",
            RuleOperators.NotContains =>
                $"({PgRecordColumns.Text(rule.Field)} IS NULL OR " +
                $"strpos({Lower(PgRecordColumns.Text(rule.Field))}, {Lower(PgRecordColumns.Text(other))}) = 0)",
            _ => throw new ArgumentException(
                $"Operator '{rule.Operator}' cannot compare field '{rule.Field}' with field '{other}'.", nameof(rule)),
        };
    }

    private string Scalar(RecordFilterRule rule, PgValueKind kind, JsonNode? value) =>
        Parameter(ToSqlValue(rule, kind, value));

    /// <summary>
    /// Text in lower case by ICU's root locale, whatever the database's own locale: <c>lower()</c> under the "C"
    /// locale maps only ASCII letters. The SQLite store maps with .NET's invariant culture, which gives the same
    /// letters except where ICU maps one character to two, such as "İ", and for a final "Σ".
    /// </summary>
    private static string Lower(string text) => $"lower({text} COLLATE \"und-x-icu\")";

    /// <summary>The rule's text in lower case; <see cref="Lower"/> maps it again in SQL, so both sides match.</summary>
    private string LowerText(RecordFilterRule rule) => Lower("CAST(" + Text(rule) + " AS text)");

    private string Text(RecordFilterRule rule) =>
        Parameter(rule.Value is JsonValue value && value.GetValueKind() == JsonValueKind.String
            ? value.GetValue<string>()
            : rule.Value?.ToJsonString() ?? string.Empty);

    private string ListParameter(RecordFilterRule rule, PgValueKind kind)
    {
        if (rule.Value is not JsonArray items)
        {
            throw new ArgumentException(
                $"Operator '{rule.Operator}' on '{rule.Field}' needs an array of values, got " +
                $"{rule.Value?.ToJsonString() ?? "null"}.", nameof(rule));
        }

        var values = items.Select(item => ToSqlValue(rule, kind, item)).Where(value => value is not null).ToList();
        object array = kind switch
        {
            PgValueKind.Number or PgValueKind.Id => values.Cast<decimal>().ToArray(),
            PgValueKind.Boolean => values.Cast<bool>().ToArray(),
            PgValueKind.Time => values.Cast<DateTime>().ToArray(),
            _ => values.Cast<string>().ToArray(),
        };
        return Parameter(array);
    }

    private static JsonNode?[] Items(RecordFilterRule rule, int count)
    {
        if (rule.Value is not JsonArray items || items.Count != count)
        {
            throw new ArgumentException(
                $"Operator '{rule.Operator}' on '{rule.Field}' needs an array of {count} values, got " +
                $"{rule.Value?.ToJsonString() ?? "null"}.", nameof(rule));
        }

        return [.. items];
    }

    private static object? ToSqlValue(RecordFilterRule rule, PgValueKind kind, JsonNode? node)
    {
        if (node is null)
        {
            return null;
        }

        if (node is not JsonValue value)
        {
            throw new ArgumentException(
                $"The rule on '{rule.Field}' compares with {node.ToJsonString()}; expected a single value.",
                nameof(rule));
        }

        var json = value.GetValueKind();
        var text = json == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
        switch (kind)
        {
            case PgValueKind.Number or PgValueKind.Id:
                if (json is JsonValueKind.Number or JsonValueKind.String &&
                    decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                {
                    return number;
                }

                throw new ArgumentException(
                    $"The rule on '{rule.Field}' needs a number, got {value.ToJsonString()}.", nameof(rule));
            case PgValueKind.Boolean:
                return json switch
                {
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    _ => throw new ArgumentException(
                        $"The rule on '{rule.Field}' needs true or false, got {value.ToJsonString()}.", nameof(rule)),
                };
            case PgValueKind.Time:
                if (json == JsonValueKind.String && DateTimeOffset.TryParse(
                        text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
                {
                    return time.UtcDateTime;
                }

                throw new ArgumentException(
                    $"The rule on '{rule.Field}' needs an ISO 8601 time such as \"2025-03-01T08:00:00Z\", got " +
                    $"{value.ToJsonString()}.", nameof(rule));
            default:
                return json switch
                {
                    JsonValueKind.True => "true",
                    JsonValueKind.False => "false",
                    _ => text,
                };
        }
    }

    private static ArgumentException UnknownOperator(RecordFilterRule rule) => new(
        $"Unknown operator '{rule.Operator}' in a rule on '{rule.Field}'; expected one of " +
        $"{string.Join(", ", RuleOperators.All.Order(StringComparer.Ordinal))}.", nameof(rule));
}
