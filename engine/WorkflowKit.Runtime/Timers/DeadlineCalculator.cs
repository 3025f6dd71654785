using WorkflowKit.Definitions.Flows;

namespace WorkflowKit.Runtime.Timers;

/// <summary>
/// Computes due times in the tenant's time zone. A duration in workday units counts its days as
/// workdays of the calendar (hours and minutes are then added as elapsed time); a deadline from a
/// form field takes the field's value, a plain date meaning the end of that day.
/// </summary>
public sealed class DeadlineCalculator(WorkdayCalendar calendar, TimeZoneInfo zone)
{
    public TimeZoneInfo Zone => zone;

    public DateTimeOffset Add(DateTimeOffset startUtc, IsoDuration duration, string? unit)
    {
        ArgumentNullException.ThrowIfNull(duration);
        var local = ZonedTime.ToLocal(startUtc, zone);
        if (unit == DeadlineUnits.Workday)
        {
            var moved = calendar.AddWorkdays(local.AddYears(duration.Years).AddMonths(duration.Months), duration.Days);
            return ZonedTime.ToUtc(moved, zone) + duration.Time;
        }

        if (unit is not null && unit != DeadlineUnits.Calendar)
        {
            throw new ArgumentException(
                $"Expected deadline unit \"calendar\" or \"workday\", got \"{unit}\".", nameof(unit));
        }

        var date = ZonedTime.ToUtc(local.AddYears(duration.Years).AddMonths(duration.Months).AddDays(duration.Days), zone);
        return date + duration.Time;
    }

    /// <summary>The due time of a deadline, or null when it names an empty form field.</summary>
    public DateTimeOffset? DueAt(DeadlineDefinition deadline, DateTimeOffset startUtc, System.Text.Json.Nodes.JsonObject form)
    {
        ArgumentNullException.ThrowIfNull(deadline);
        ArgumentNullException.ThrowIfNull(form);
        if (deadline.Field is { } field)
        {
            var value = form[field];
            var due = ZonedTime.Parse(value, zone);
            if (due is null)
            {
                return null;
            }

            var isDateOnly = value!.GetValue<string>().Length == 10;
            return isDateOnly ? ZonedTime.ToUtc(ZonedTime.ToLocal(due.Value, zone).AddDays(1), zone) : due;
        }

        return deadline.Duration is { } text ? Add(startUtc, IsoDuration.Parse(text), deadline.Unit) : null;
    }
}
