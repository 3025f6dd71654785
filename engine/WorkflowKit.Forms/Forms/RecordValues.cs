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
    /// earlier one. Whatever the caller sent for such a field is replaced. A field with a validity period takes the
    /// record valid on the document date (<paramref name="dates"/> gives today for an empty one). When its match
    /// values are all set but no record is valid on that date, the field is cleared and an error names it.
    /// </summary>
    /// <returns>The errors of fields that found no record valid on their date, in field order.</returns>
    public static async Task<IReadOnlyList<FieldError>> FillAsync(
        FormDefinition form, JsonObject data, string? userId, RecordReader? reader, IRecordStore store,
        RecordValueDates dates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(dates);
        var errors = new List<FieldError>();
        foreach (var field in form.Fields.Where(field => field.RecordValue is not null))
        {
            var source = field.RecordValue!;
            var match = source.Match.ToDictionary(
                pair => pair.Key, pair => data[pair.Value], StringComparer.Ordinal);
            var validOn = source.Validity is { } validity
                ? ValidOn.Resolve(validity, data, data, dates.Today, dates.Zone)
                : null;
            var record = source.Validity is not null && validOn is null
                ? null
                : await RecordMatch.FindAsync(
                    source.Form, match, validOn, userId, reader, store, null, cancellationToken).ConfigureAwait(false);
            var value = record?.Data[source.ValueField];
            if (value is null)
            {
                data.Remove(field.Id);
            }
            else
            {
                data[field.Id] = value.DeepClone();
            }

            if (record is null && validOn is not null && !match.Values.Any(FieldValues.IsEmpty))
            {
                var messages = FormMessages.For(dates.Culture);
                var criteria = string.Join(", ", match.Select(pair =>
                    $"{pair.Key} = {FieldValues.Display(pair.Value, dates.Culture)}"));
                errors.Add(new FieldError(
                    field.Id, "recordValue",
                    messages.NoValidRecordValue(field.Label.Get(dates.Culture.Name), source.Form, criteria,
                        validOn.DateText),
                    null));
            }
        }

        return errors;
    }
}
