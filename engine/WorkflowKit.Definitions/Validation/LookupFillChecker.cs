using WorkflowKit.Definitions.Diagnostics;
using WorkflowKit.Definitions.Documents;
using WorkflowKit.Definitions.Forms;

namespace WorkflowKit.Definitions.Validation;

/// <summary>
/// Checks the <c>fill</c> map of a lookup: each key is a field that the page may fill (a column of the same row for
/// a sub-table column), each value a field of the lookup form, and the two fields take the same kind of value.
/// </summary>
internal static class LookupFillChecker
{
    /// <summary>Field types that the page computes or assigns, so a copied value would be overwritten or rejected.</summary>
    private static readonly HashSet<string> ComputedTypes = new(StringComparer.Ordinal)
    {
        FieldTypes.Formula, FieldTypes.Serial, FieldTypes.SubTable,
    };

    private static readonly HashSet<string> TextTypes = new(StringComparer.Ordinal)
    {
        FieldTypes.Text, FieldTypes.LongText,
    };

    public static void Check(
        CheckContext context, FieldDefinition field, RecordLookup lookup, string pointer, FieldScope scope,
        DefinitionSet set)
    {
        if (lookup.Fill is not { Count: > 0 } fill)
        {
            return;
        }

        // A sub-table column fills columns of its own row; a top-level field fills top-level fields.
        var targets = scope.Row ?? scope.Fields;
        var source = set.FindForm(lookup.Form);
        var sources = source is null ? null : FieldScope.Index(source.Fields);
        foreach (var (targetId, sourceId) in fill)
        {
            var fieldPointer = JsonPointers.Of(pointer, "fill", targetId);
            FieldDefinition? target = null;
            if (targets is not null && !targets.TryGetValue(targetId, out target))
            {
                context.Error(
                    DiagnosticCodes.UnknownField, fieldPointer,
                    $"\"{targetId}\" is not a field {(scope.Row is null ? "of the form" : "of the same row")}, so " +
                    $"picking a record cannot fill it. Use one of: {scope.Describe()}.",
                    ("field", targetId));
                continue;
            }

            if ((target is not null && !CheckTarget(context, field, target, fieldPointer)) || sources is null)
            {
                continue;
            }

            if (!sources.TryGetValue(sourceId, out var from))
            {
                context.Error(
                    DiagnosticCodes.UnknownField, fieldPointer,
                    $"\"{sourceId}\" is not a field of form \"{source!.Key}\". Use one of: " +
                    $"{FieldScope.For(source).Describe()}.",
                    ("field", sourceId), ("form", source.Key));
            }
            else if (target is not null && !Compatible(target, from))
            {
                context.Error(
                    DiagnosticCodes.ValueNotAllowed, fieldPointer,
                    $"\"{target.Id}\" is a {Describe(target)} field but \"{sourceId}\" of form \"{source!.Key}\" is a " +
                    $"{Describe(from)} field, so its value does not fit. Fill \"{target.Id}\" from a field of the " +
                    "same type, or change the type of one of them.",
                    ("field", target.Id), ("form", source.Key));
            }
        }
    }

    private static bool CheckTarget(CheckContext context, FieldDefinition field, FieldDefinition target, string pointer)
    {
        if (target.Id == field.Id)
        {
            context.Error(
                DiagnosticCodes.ValueNotAllowed, pointer,
                $"Lookup field \"{field.Id}\" fills itself. Remove \"{target.Id}\" from \"fill\"; the picked value " +
                "already goes there.",
                ("field", target.Id));
            return false;
        }

        if (ComputedTypes.Contains(target.Type))
        {
            context.Error(
                DiagnosticCodes.ValueNotAllowed, pointer,
                $"\"{target.Id}\" is a {target.Type} field, whose value WorkflowKit computes, so a lookup cannot " +
                "fill it. Remove it from \"fill\".",
                ("field", target.Id));
            return false;
        }

        return true;
    }

    /// <summary>
    /// Whether a value of <paramref name="from"/> is a valid value of <paramref name="target"/>: the same type and
    /// number of values, with text taking any text or serial number and a number or money field any number.
    /// </summary>
    private static bool Compatible(FieldDefinition target, FieldDefinition from)
    {
        if (TextTypes.Contains(target.Type))
        {
            return TextTypes.Contains(from.Type) || from.Type == FieldTypes.Serial;
        }

        if (target.Type is FieldTypes.Number or FieldTypes.Money)
        {
            return from.Type is FieldTypes.Number or FieldTypes.Money or FieldTypes.Formula;
        }

        return target.Type == from.Type && target.Multiple == from.Multiple;
    }

    private static string Describe(FieldDefinition field) => field.Multiple ? $"{field.Type} (multiple)" : field.Type;
}
