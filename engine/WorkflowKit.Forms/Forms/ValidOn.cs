using System.Globalization;
using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Forms;

namespace WorkflowKit.Forms;

/// <summary>A validity period of another form's records and the date on which a record must be valid.</summary>
public sealed record ValidOn(RecordValidity Validity, DateOnly Date)
{
    /// <summary>The date as the stores keep date fields (<c>yyyy-MM-dd</c>).</summary>
    public string DateText => Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// Returns the document date of <paramref name="validity"/>: the value of its <see cref="RecordValidity.DateField"/>
    /// in <paramref name="row"/> (a sub-table row, or the form) or else in <paramref name="form"/>, or
    /// <paramref name="today"/> when the field is not set or is empty. A datetime value counts on its local date in
    /// <paramref name="zone"/>. Returns null when the value is not a date, which the field's own check reports.
    /// </summary>
    public static ValidOn? Resolve(
        RecordValidity validity, JsonObject row, JsonObject form, DateOnly today, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(validity);
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(form);
        if (validity.DateField is not { Length: > 0 } field)
        {
            return new ValidOn(validity, today);
        }

        var value = row.TryGetPropertyValue(field, out var own) ? own : form[field];
        if (FieldValues.IsEmpty(value))
        {
            return new ValidOn(validity, today);
        }

        if (!FieldValues.TryGetString(value, out var text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return new ValidOn(validity, date);
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? new ValidOn(validity, DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time, zone).DateTime))
            : null;
    }

    /// <summary>Returns the local date of <paramref name="time"/>'s current instant in <paramref name="zone"/>.</summary>
    public static DateOnly Today(TimeProvider time, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(zone);
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).DateTime);
    }
}
