using WorkflowKit.Definitions.Forms;

namespace WorkflowKit.Designer.Forms;

/// <summary>A field that an editor's list offers: its id, which the JSON stores, and its label in the page's language.</summary>
public sealed record FieldChoice(string Id, string Label, string Type)
{
    /// <summary>Returns the choices for <paramref name="fields"/>, labelled as "label (id)".</summary>
    public static IReadOnlyList<FieldChoice> Of(IEnumerable<FieldDefinition> fields, string culture) =>
        [.. fields.Select(field => new FieldChoice(field.Id, Text(field, culture), field.Type))];

    private static string Text(FieldDefinition field, string culture)
    {
        var label = field.Label.Get(culture);
        return string.IsNullOrWhiteSpace(label) || label == field.Id ? field.Id : $"{label} ({field.Id})";
    }
}
