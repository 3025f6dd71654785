using WorkflowKit.Definitions.Forms;

namespace WorkflowKit.Definitions.Validation;

/// <summary>Which field properties apply to which field types; the others are ignored with a warning.</summary>
public static class FieldApplicability
{
    private static readonly Dictionary<string, string[]> TypesByProperty = new(StringComparer.Ordinal)
    {
        ["min"] = [.. FieldTypes.Ordered],
        ["max"] = [.. FieldTypes.Ordered],
        ["minLength"] = [FieldTypes.Text, FieldTypes.LongText],
        ["maxLength"] = [FieldTypes.Text, FieldTypes.LongText],
        ["pattern"] = [FieldTypes.Text, FieldTypes.LongText],
        ["patternAnchored"] = [FieldTypes.Text, FieldTypes.LongText],
        ["patternMessage"] = [FieldTypes.Text, FieldTypes.LongText],
        ["scale"] = [FieldTypes.Number, FieldTypes.Money, FieldTypes.Formula],
        ["currency"] = [FieldTypes.Money, FieldTypes.Formula],
        ["options"] = [FieldTypes.SingleSelect, FieldTypes.MultiSelect],
        ["linkage"] = [FieldTypes.SingleSelect, FieldTypes.MultiSelect, FieldTypes.Related],
        ["multiple"] = [FieldTypes.Member, FieldTypes.Department, FieldTypes.Attachment, FieldTypes.Image,
            FieldTypes.Related],
        ["fields"] = [FieldTypes.SubTable],
        ["minRows"] = [FieldTypes.SubTable],
        ["maxRows"] = [FieldTypes.SubTable],
        ["rowRules"] = [FieldTypes.SubTable],
        ["formula"] = [FieldTypes.Formula],
        ["relatedForm"] = [FieldTypes.Related],
        ["relatedDisplayField"] = [FieldTypes.Related],
        ["lookup"] = [FieldTypes.Text],
        ["recordValue"] = [FieldTypes.Text, FieldTypes.Number, FieldTypes.Money, FieldTypes.Date, FieldTypes.SingleSelect,
            FieldTypes.Member, FieldTypes.Boolean],
        ["lookupRange"] = [FieldTypes.Number, FieldTypes.Money],
        ["serialPattern"] = [FieldTypes.Serial],
        ["accept"] = [FieldTypes.Attachment, FieldTypes.Image],
        ["maxSize"] = [FieldTypes.Attachment, FieldTypes.Image, FieldTypes.Signature],
        ["addressLevel"] = [FieldTypes.Address],
        ["addressDetail"] = [FieldTypes.Address],
    };

    /// <summary>The field types a property applies to, or null when it applies to every type.</summary>
    public static IReadOnlyList<string>? TypesFor(string property) => TypesByProperty.GetValueOrDefault(property);
}
