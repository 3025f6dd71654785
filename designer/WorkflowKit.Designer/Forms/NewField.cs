using System.Globalization;
using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Designer.Localization;

namespace WorkflowKit.Designer.Forms;

/// <summary>Builds the field or sub-table column that the form designer adds.</summary>
public static class NewField
{
    /// <summary>
    /// Returns a field of <paramref name="type"/> numbered after <paramref name="siblings"/>, labelled "Untitled field 3"
    /// (or "Untitled column 3") in the page's language rather than by its type, so that an unedited form does not show
    /// a field called "Text" and the user sees that it still needs a label. Its id is the type and the same number, raised until no
    /// sibling has it.
    /// </summary>
    public static FieldDefinition Create(string type, IReadOnlyCollection<FieldDefinition> siblings, bool isColumn, UiText text)
    {
        ArgumentNullException.ThrowIfNull(siblings);
        ArgumentNullException.ThrowIfNull(text);
        var ids = siblings.Select(sibling => sibling.Id).ToHashSet(StringComparer.Ordinal);
        var number = siblings.Count + 1;
        while (ids.Contains(type + number.ToString(CultureInfo.InvariantCulture)))
        {
            number++;
        }

        var label = isColumn ? text.Format("Untitled column {0}", number) : text.Format("Untitled field {0}", number);
        var field = new FieldDefinition
        {
            Id = type + number.ToString(CultureInfo.InvariantCulture),
            Type = type,
            Label = new LocalizedText(label),
        };
        if (type is FieldTypes.SingleSelect or FieldTypes.MultiSelect)
        {
            field.Options = [new FieldOption { Value = "a", Label = new LocalizedText("A") }];
        }

        return field;
    }
}
