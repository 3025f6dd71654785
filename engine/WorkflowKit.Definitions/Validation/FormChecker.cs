using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using WorkflowKit.Definitions.Diagnostics;
using WorkflowKit.Definitions.Documents;
using WorkflowKit.Definitions.Forms;

namespace WorkflowKit.Definitions.Validation;

/// <summary>Semantic checks of a form: ids, field settings, regexes, formulas, rules and references.</summary>
internal static partial class FormChecker
{
    public static void Check(CheckContext context, FormDefinition form, DefinitionSet set)
    {
        var scope = FieldScope.For(form);
        CheckFields(context, form.Fields, "/fields", scope, set, insideSubTable: false);
        CheckRules(context, form.Rules, "/rules", scope);

        if (form.TitleField is { } title && !scope.Resolves(title))
        {
            UnknownField(context, "/titleField", title, scope);
        }

        for (var i = 0; i < (form.IndexedFields?.Count ?? 0); i++)
        {
            if (!scope.Resolves(form.IndexedFields![i]))
            {
                UnknownField(context, JsonPointers.Of("indexedFields", i), form.IndexedFields[i], scope);
            }
        }
    }

    internal static void UnknownField(CheckContext context, string pointer, string name, FieldScope scope) =>
        context.Error(
            DiagnosticCodes.UnknownField, pointer,
            $"\"{name}\" is not a field of the form. Use one of: {scope.Describe()}.",
            ("field", name));

    private static void CheckFields(
        CheckContext context, List<FieldDefinition> fields, string pointer, FieldScope scope, DefinitionSet set,
        bool insideSubTable)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < fields.Count; i++)
        {
            var field = fields[i];
            var fieldPointer = JsonPointers.Append(pointer, i);
            if (!seen.TryAdd(field.Id, i))
            {
                context.Error(
                    DiagnosticCodes.DuplicateFieldId, JsonPointers.Append(fieldPointer, "id"),
                    $"Field id \"{field.Id}\" is already used by {pointer}/{seen[field.Id]}; ids must be unique. " +
                    "Rename one of the fields.",
                    ("field", field.Id));
            }

            CheckField(context, field, fieldPointer, scope, set, insideSubTable);
        }
    }

    private static void CheckField(
        CheckContext context, FieldDefinition field, string pointer, FieldScope scope, DefinitionSet set,
        bool insideSubTable)
    {
        CheckApplicability(context, field, pointer);
        CheckPattern(context, field, pointer);
        CheckRanges(context, field, pointer);
        CheckTypeSettings(context, field, pointer, scope, set, insideSubTable);

        CheckExpression(context, field.Formula, JsonPointers.Append(pointer, "formula"), scope);
        CheckExpression(context, field.DefaultExpression, JsonPointers.Append(pointer, "defaultExpression"), scope);

        if (field.Linkage is { } linkage)
        {
            CheckLinkage(context, field, linkage, JsonPointers.Append(pointer, "linkage"), scope, set);
        }

        if (field.Lookup is { } lookup)
        {
            var lookupPointer = JsonPointers.Append(pointer, "lookup");
            CheckLookupTarget(context, lookup.Form, lookup.ValueField, null, lookupPointer, scope, set);
            LookupFillChecker.Check(context, field, lookup, lookupPointer, scope, set);
        }

        if (field.RecordValue is { } recordValue)
        {
            var recordPointer = JsonPointers.Append(pointer, "recordValue");
            if (insideSubTable)
            {
                context.Error(
                    DiagnosticCodes.ValueNotAllowed, recordPointer,
                    $"\"recordValue\" applies to top-level fields, but \"{field.Id}\" is a sub-table column. Move " +
                    "it to the form's top level or remove \"recordValue\".");
            }

            CheckLookupTarget(
                context, recordValue.Form, recordValue.ValueField, recordValue.Match, recordPointer, scope, set);
            CheckValidity(context, recordValue.Form, recordValue.Validity, recordPointer, scope, set);
        }

        if (field.LookupRange is { } range)
        {
            var rangePointer = JsonPointers.Append(pointer, "lookupRange");
            CheckLookupTarget(context, range.Form, range.ValueField, range.Match, rangePointer, scope, set);
            CheckValidity(context, range.Form, range.Validity, rangePointer, scope, set);
        }
    }

    /// <summary>
    /// Checks a lookup's validity period: <c>fromField</c> and <c>toField</c> name date fields of the other form, and
    /// <c>dateField</c> a date or datetime field of this form that <paramref name="scope"/> resolves.
    /// </summary>
    private static void CheckValidity(
        CheckContext context, string formKey, RecordValidity? validity, string lookupPointer, FieldScope scope,
        DefinitionSet set)
    {
        if (validity is null)
        {
            return;
        }

        var pointer = JsonPointers.Append(lookupPointer, "validity");
        if (validity.DateField is { Length: > 0 } dateField)
        {
            var datePointer = JsonPointers.Append(pointer, "dateField");
            if (!scope.Resolves(dateField))
            {
                UnknownField(context, datePointer, dateField, scope);
            }
            else if (scope.Find(dateField) is { Type: not (FieldTypes.Date or FieldTypes.DateTime) } dateDefinition)
            {
                NotADate(context, datePointer, dateField, dateDefinition.Type, "this form", "date or datetime");
            }
        }

        if (set.FindForm(formKey) is not { } target)
        {
            return;
        }

        var targetScope = FieldScope.For(target);
        var bounds = new[] { ("fromField", (string?)validity.FromField), ("toField", validity.ToField) };
        foreach (var (property, fieldId) in bounds)
        {
            if (fieldId is null)
            {
                continue;
            }

            var fieldPointer = JsonPointers.Append(pointer, property);
            if (targetScope.Find(fieldId) is not { } bound)
            {
                context.Error(
                    DiagnosticCodes.UnknownField, fieldPointer,
                    $"\"{fieldId}\" is not a field of form \"{target.Key}\". Use one of its date fields: " +
                    $"{DateFieldsOf(target)}.",
                    ("field", fieldId), ("form", target.Key));
            }
            else if (bound.Type != FieldTypes.Date)
            {
                NotADate(context, fieldPointer, fieldId, bound.Type, $"form \"{target.Key}\"", "date");
            }
        }
    }

    private static void NotADate(
        CheckContext context, string pointer, string fieldId, string type, string where, string expected) =>
        context.Error(
            DiagnosticCodes.ValueNotAllowed, pointer,
            $"\"{fieldId}\" of {where} is a {type} field, but a validity period needs a {expected} field. Name " +
            "such a field instead.",
            ("field", fieldId));

    private static string DateFieldsOf(FormDefinition form)
    {
        var dates = form.Fields.Where(field => field.Type == FieldTypes.Date).Select(field => field.Id).ToList();
        return dates.Count == 0 ? "none (add a date field)" : string.Join(", ", dates);
    }

    /// <summary>
    /// Checks the form, value field and match fields of a lookup: the match keys name fields of the other form, and
    /// the match values name fields of this form that <paramref name="scope"/> resolves.
    /// </summary>
    private static void CheckLookupTarget(
        CheckContext context, string formKey, string valueField, Dictionary<string, string>? match, string pointer,
        FieldScope scope, DefinitionSet set)
    {
        foreach (var (_, source) in match ?? [])
        {
            if (!scope.Resolves(source))
            {
                UnknownField(context, JsonPointers.Of(pointer, "match"), source, scope);
            }
        }

        var target = set.FindForm(formKey);
        if (target is null)
        {
            context.Warning(
                DiagnosticCodes.ReferencedDocumentMissing, JsonPointers.Append(pointer, "form"),
                $"Form \"{formKey}\" is not among the validated documents; its fields were not checked. " +
                "Validate it together with this form (a package or a folder).");
            return;
        }

        var targetScope = FieldScope.For(target);
        var named = new List<(string Pointer, string Field)> { (JsonPointers.Append(pointer, "valueField"), valueField) };
        named.AddRange((match ?? []).Keys.Select(key => (JsonPointers.Of(pointer, "match", key), key)));
        foreach (var (fieldPointer, fieldId) in named)
        {
            if (!targetScope.Resolves(fieldId))
            {
                context.Error(
                    DiagnosticCodes.UnknownField, fieldPointer,
                    $"\"{fieldId}\" is not a field of form \"{target.Key}\". Use one of: {targetScope.Describe()}.",
                    ("field", fieldId), ("form", target.Key));
            }
        }
    }

    private static void CheckApplicability(CheckContext context, FieldDefinition field, string pointer)
    {
        if (!FieldTypes.All.Contains(field.Type) ||
            !JsonElementPointer.TryResolve(context.Source.Document!.RootElement, pointer, out var element))
        {
            return;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (FieldApplicability.TypesFor(property.Name) is { } types && !types.Contains(field.Type))
            {
                context.Warning(
                    DiagnosticCodes.FieldPropertyNotApplicable, JsonPointers.Append(pointer, property.Name),
                    $"\"{property.Name}\" does not apply to a {field.Type} field and is ignored; it applies to " +
                    $"{string.Join(", ", types)}. Remove it or change the field type.");
            }
        }
    }

    private static void CheckPattern(CheckContext context, FieldDefinition field, string pointer)
    {
        if (field.Pattern is null)
        {
            return;
        }

        try
        {
            _ = new Regex(field.Pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException exception)
        {
            context.Error(
                DiagnosticCodes.InvalidRegex, JsonPointers.Append(pointer, "pattern"),
                $"Pattern \"{field.Pattern}\" is not a valid .NET regular expression: {exception.Message} " +
                "Fix the pattern (escape literal characters such as ( [ . with a backslash).");
        }
    }

    private static void CheckRanges(CheckContext context, FieldDefinition field, string pointer)
    {
        if (field.Type == FieldTypes.DateTime)
        {
            CheckTimeBound(context, field, field.Min, "min", pointer);
            CheckTimeBound(context, field, field.Max, "max", pointer);
        }

        if (field.Min is not null && field.Max is not null && Compare(field.Min, field.Max) > 0)
        {
            MinAboveMax(context, JsonPointers.Append(pointer, "min"), "min", field.Min.ToJsonString(),
                field.Max.ToJsonString());
        }

        if (field.MinLength > field.MaxLength)
        {
            MinAboveMax(context, JsonPointers.Append(pointer, "minLength"), "minLength", $"{field.MinLength}",
                $"{field.MaxLength}");
        }

        if (field.MinRows > field.MaxRows)
        {
            MinAboveMax(context, JsonPointers.Append(pointer, "minRows"), "minRows", $"{field.MinRows}",
                $"{field.MaxRows}");
        }
    }

    /// <summary>
    /// Requires a datetime bound to state its offset, as the values do. The field check compares instants, and a bound
    /// without an offset names no instant, so it would be ignored.
    /// </summary>
    private static void CheckTimeBound(
        CheckContext context, FieldDefinition field, JsonNode? bound, string name, string pointer)
    {
        if (bound is null)
        {
            return;
        }

        var text = bound.GetValueKind() == JsonValueKind.String ? bound.GetValue<string>() : null;
        if (text is not null && TimeWithOffset().IsMatch(text) &&
            DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            return;
        }

        context.Error(
            DiagnosticCodes.ValueNotAllowed, JsonPointers.Append(pointer, name),
            $"\"{name}\" of datetime field \"{field.Id}\" is {bound.ToJsonString()}, but a datetime bound needs a " +
            "date, a time and an offset, such as \"2026-12-31T18:00:00+08:00\". Write it in that form.",
            ("field", field.Id));
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex TimeWithOffset();

    private static void MinAboveMax(CheckContext context, string pointer, string name, string min, string max) =>
        context.Error(
            DiagnosticCodes.MinGreaterThanMax, pointer,
            $"{name} {min} is greater than the maximum {max}, so no value can pass. Swap or correct them.");

    private static int Compare(JsonNode min, JsonNode max)
    {
        if (min.GetValueKind() == JsonValueKind.Number && max.GetValueKind() == JsonValueKind.Number)
        {
            return min.GetValue<decimal>().CompareTo(max.GetValue<decimal>());
        }

        var minText = min.GetValueKind() == JsonValueKind.String ? min.GetValue<string>() : min.ToJsonString();
        var maxText = max.GetValueKind() == JsonValueKind.String ? max.GetValue<string>() : max.ToJsonString();
        if (decimal.TryParse(minText, NumberStyles.Number, CultureInfo.InvariantCulture, out var minNumber) &&
            decimal.TryParse(maxText, NumberStyles.Number, CultureInfo.InvariantCulture, out var maxNumber))
        {
            return minNumber.CompareTo(maxNumber);
        }

        if (DateTimeOffset.TryParse(minText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal,
            out var minDate) &&
            DateTimeOffset.TryParse(maxText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal,
                out var maxDate))
        {
            return minDate.CompareTo(maxDate);
        }

        return 0;
    }

    private static void CheckTypeSettings(
        CheckContext context, FieldDefinition field, string pointer, FieldScope scope, DefinitionSet set,
        bool insideSubTable)
    {
        switch (field.Type)
        {
            case FieldTypes.SingleSelect or FieldTypes.MultiSelect:
                CheckOptions(context, field, pointer);
                break;
            case FieldTypes.SubTable:
                CheckSubTable(context, field, pointer, scope, set, insideSubTable);
                break;
            case FieldTypes.Formula when field.Formula is null:
                MissingSetting(context, pointer, field, "formula", "{\"formula\": \"quantity * unitPrice\"}");
                break;
            case FieldTypes.Related when field.RelatedForm is null:
                MissingSetting(context, pointer, field, "relatedForm", "\"customer\"");
                break;
            case FieldTypes.Related when set.FindForm(field.RelatedForm) is null:
                context.Warning(
                    DiagnosticCodes.ReferencedDocumentMissing, JsonPointers.Append(pointer, "relatedForm"),
                    $"Form \"{field.RelatedForm}\" is not among the validated documents; " +
                    "its fields were not checked. " +
                    "Validate it together with this form (a package or a folder).");
                break;
            case FieldTypes.Serial when field.SerialPattern is null:
                MissingSetting(context, pointer, field, "serialPattern", "\"SO-{yyyyMMdd}-{seq:4}\"");
                break;
            case FieldTypes.Serial when !field.SerialPattern!.Contains("{seq", StringComparison.Ordinal):
                context.Error(
                    DiagnosticCodes.SerialWithoutSequence, JsonPointers.Append(pointer, "serialPattern"),
                    $"Serial pattern \"{field.SerialPattern}\" has no sequence part, so numbers would repeat. " +
                    "Add {seq:N}, for example \"SO-{yyyyMMdd}-{seq:4}\".");
                break;
            default:
                break;
        }
    }

    private static void MissingSetting(CheckContext context, string pointer, FieldDefinition field, string property,
        string example) =>
        context.Error(
            DiagnosticCodes.MissingTypeSetting, pointer,
            $"A {field.Type} field needs \"{property}\"; field \"{field.Id}\" has none. Add it, for example " +
            $"\"{property}\": {example}.");

    private static void CheckOptions(CheckContext context, FieldDefinition field, string pointer)
    {
        if ((field.Options is null || field.Options.Count == 0) && field.Linkage?.Form is null)
        {
            context.Error(
                DiagnosticCodes.SelectWithoutOptions, pointer,
                $"Select field \"{field.Id}\" has no options, so nothing can be chosen. Add \"options\" or a " +
                "linkage to another form's records.",
                ("field", field.Id));
            return;
        }

        var values = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (field.Options?.Count ?? 0); i++)
        {
            if (!values.Add(field.Options![i].Value))
            {
                context.Error(
                    DiagnosticCodes.DuplicateOptionValue, JsonPointers.Of(pointer, "options", i, "value"),
                    $"Option value \"{field.Options[i].Value}\" is used twice in field \"{field.Id}\"; stored values " +
                    "must tell options apart. Change one value.");
            }
        }
    }

    private static void CheckSubTable(
        CheckContext context, FieldDefinition field, string pointer, FieldScope scope, DefinitionSet set,
        bool insideSubTable)
    {
        if (insideSubTable)
        {
            context.Error(
                DiagnosticCodes.ValueNotAllowed, JsonPointers.Append(pointer, "type"),
                $"Sub-table \"{field.Id}\" sits inside another sub-table; sub-tables do not nest. Move it to the " +
                "form's top level or use a related-record field.");
            return;
        }

        if (field.Fields is null || field.Fields.Count == 0)
        {
            context.Error(
                DiagnosticCodes.SubTableWithoutColumns, pointer,
                $"Sub-table \"{field.Id}\" has no columns. Add column definitions in \"fields\".");
            return;
        }

        var rowScope = scope.WithRow(field.Fields);
        CheckFields(context, field.Fields, JsonPointers.Append(pointer, "fields"), rowScope, set, insideSubTable: true);
        CheckRules(context, field.RowRules, JsonPointers.Append(pointer, "rowRules"), rowScope);
    }

    private static void CheckExpression(CheckContext context, Expression? expression, string pointer, FieldScope scope)
    {
        if (expression is null)
        {
            return;
        }

        if ((expression.Formula is null) == (expression.JavaScript is null))
        {
            context.Error(
                DiagnosticCodes.ConditionShape, pointer,
                "An expression needs exactly one of \"formula\" and \"javaScript\". Keep one.");
            return;
        }

        FormulaChecker.Check(context, expression.Formula, JsonPointers.Append(pointer, "formula"), scope);
        ScriptChecker.Check(context, expression.JavaScript, JsonPointers.Append(pointer, "javaScript"), scope);
    }

    private static void CheckLinkage(
        CheckContext context, FieldDefinition field, OptionLinkage linkage, string pointer, FieldScope scope,
        DefinitionSet set)
    {
        if (!scope.Resolves(linkage.SourceField))
        {
            UnknownField(context, JsonPointers.Append(pointer, "sourceField"), linkage.SourceField, scope);
        }

        if (linkage.Map is { } map && field.Options is { } options)
        {
            var known = options.Select(option => option.Value).ToHashSet(StringComparer.Ordinal);
            foreach (var (source, allowed) in map)
            {
                for (var i = 0; i < allowed.Count; i++)
                {
                    if (!known.Contains(allowed[i]))
                    {
                        context.Error(
                            DiagnosticCodes.ValueNotAllowed, JsonPointers.Of(pointer, "map", source, i),
                            $"Linkage maps \"{source}\" to \"{allowed[i]}\", which is not an option of field " +
                            $"\"{field.Id}\". Use one of: {string.Join(", ", known)}.");
                    }
                }
            }
        }

        if (linkage.Form is null)
        {
            return;
        }

        var target = set.FindForm(linkage.Form);
        if (target is null)
        {
            context.Warning(
                DiagnosticCodes.ReferencedDocumentMissing, JsonPointers.Append(pointer, "form"),
                $"Form \"{linkage.Form}\" is not among the validated documents; its fields were not checked.");
            return;
        }

        var targetScope = FieldScope.For(target);
        foreach (var (name, value) in new[] { ("matchField", linkage.MatchField), ("valueField", linkage.ValueField) })
        {
            if (value is not null && !targetScope.Resolves(value))
            {
                context.Error(
                    DiagnosticCodes.UnknownField, JsonPointers.Append(pointer, name),
                    $"\"{value}\" is not a field of form \"{target.Key}\". Use one of: {targetScope.Describe()}.",
                    ("field", value), ("form", target.Key));
            }
        }
    }

    private static void CheckRules(CheckContext context, List<FormRule>? rules, string pointer, FieldScope scope)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (rules?.Count ?? 0); i++)
        {
            var rule = rules![i];
            var rulePointer = JsonPointers.Append(pointer, i);
            if (!ids.Add(rule.Id))
            {
                context.Error(
                    DiagnosticCodes.DuplicateRuleId, JsonPointers.Append(rulePointer, "id"),
                    $"Rule id \"{rule.Id}\" is used twice. Rename one of the rules.");
            }

            ConditionChecker.Check(context, rule.Condition, JsonPointers.Append(rulePointer, "condition"), scope);
            for (var f = 0; f < (rule.Fields?.Count ?? 0); f++)
            {
                if (!scope.Resolves(rule.Fields![f]))
                {
                    UnknownField(context, JsonPointers.Of(rulePointer, "fields", f), rule.Fields[f], scope);
                }
            }
        }
    }
}
