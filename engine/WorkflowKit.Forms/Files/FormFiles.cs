using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Forms;

namespace WorkflowKit.Files;

/// <summary>Finds the uploaded files that form data names, by the types of the form's fields.</summary>
public static class FormFiles
{
    /// <summary>
    /// Returns the ids of the file references in the attachment, image and signature fields of <paramref name="data"/>,
    /// top-level fields and sub-table columns alike. Values of other fields are not read, so an object that only looks
    /// like a reference (such as a sub-table row with <c>id</c> and <c>name</c> columns) is not returned.
    /// </summary>
    public static IReadOnlySet<string> IdsIn(FormDefinition? form, JsonObject? data)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        if (form is null || data is null)
        {
            return ids;
        }

        foreach (var field in form.Fields)
        {
            if (FieldTypes.Files.Contains(field.Type))
            {
                ids.UnionWith(FileReference.ListIn(data[field.Id]).Select(reference => reference.Id));
            }
            else if (field.Type == FieldTypes.SubTable && field.Fields is { } columns
                && data[field.Id] is JsonArray rows)
            {
                foreach (var row in rows.OfType<JsonObject>())
                {
                    foreach (var column in columns.Where(column => FieldTypes.Files.Contains(column.Type)))
                    {
                        ids.UnionWith(FileReference.ListIn(row[column.Id]).Select(reference => reference.Id));
                    }
                }
            }
        }

        return ids;
    }

    /// <summary>
    /// Returns the ids that <paramref name="after"/> names and <paramref name="before"/> does not: the files that a write
    /// of the data adds.
    /// </summary>
    public static IReadOnlySet<string> Added(FormDefinition? form, JsonObject? before, JsonObject? after)
    {
        var added = new HashSet<string>(IdsIn(form, after), StringComparer.Ordinal);
        added.ExceptWith(IdsIn(form, before));
        return added;
    }
}
