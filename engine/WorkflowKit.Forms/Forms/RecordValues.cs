using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Permissions;
using WorkflowKit.Records;

namespace WorkflowKit.Forms;

/// <summary>
/// Fills the top-level fields that have a <see cref="FieldDefinition.RecordValue"/>: each gets the value of the
/// newest matching record of its form, read with the user's permissions, or no value when none matches.
/// </summary>
public static class RecordValues
{
    /// <summary>True when a field of <paramref name="form"/> is filled from another form's record.</summary>
    public static bool Any(FormDefinition form) => form.Fields.Any(field => field.RecordValue is not null);

    /// <summary>
    /// Sets each record-value field of <paramref name="data"/> in field order, so a later field may match on an
    /// earlier one. Whatever the caller sent for such a field is replaced.
    /// </summary>
    public static async Task FillAsync(
        FormDefinition form, JsonObject data, string? userId, RecordReader? reader, IRecordStore store,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(data);
        foreach (var field in form.Fields.Where(field => field.RecordValue is not null))
        {
            var source = field.RecordValue!;
            var match = source.Match.ToDictionary(
                pair => pair.Key, pair => data[pair.Value], StringComparer.Ordinal);
            var record = await RecordMatch.FindAsync(
                source.Form, match, userId, reader, store, null, cancellationToken).ConfigureAwait(false);
            var value = record?.Data[source.ValueField];
            if (value is null)
            {
                data.Remove(field.Id);
            }
            else
            {
                data[field.Id] = value.DeepClone();
            }
        }
    }
}
