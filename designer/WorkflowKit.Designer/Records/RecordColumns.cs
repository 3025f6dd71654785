using WorkflowKit.Definitions.Forms;
using WorkflowKit.Definitions.Packages;

namespace WorkflowKit.Designer.Records;

/// <summary>The field columns of the record list, beside its serial number and updated-at columns.</summary>
public static class RecordColumns
{
    /// <summary>Field columns shown when a view names none.</summary>
    public const int DefaultCount = 8;

    /// <summary>
    /// Finds the form's first serial-number field. The record store copies that field's value into the record's
    /// serial number, so the list shows it once, in the serial number column, under this field's label.
    /// </summary>
    public static FieldDefinition? SerialField(FormDefinition form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return form.Fields.FirstOrDefault(field => field.Type == FieldTypes.Serial);
    }

    /// <summary>
    /// Chooses the view's columns that the form still has, or the first <see cref="DefaultCount"/> fields that
    /// are not sub-tables; either way without the field that <see cref="SerialField"/> returns.
    /// </summary>
    public static IReadOnlyList<FieldDefinition> Choose(FormDefinition form, ViewDefinition? view)
    {
        ArgumentNullException.ThrowIfNull(form);
        var serial = SerialField(form);
        var fields = form.Fields.Where(field => field != serial);
        if (view?.Columns is { Count: > 0 } columns)
        {
            return [.. columns.Select(id => fields.FirstOrDefault(field => field.Id == id)).OfType<FieldDefinition>()];
        }

        return [.. fields.Where(field => field.Type != FieldTypes.SubTable).Take(DefaultCount)];
    }
}
