using WorkflowKit.Definitions.Flows;

namespace WorkflowKit.Runtime.Timers;

/// <summary>
/// Computes due times in the tenant's time zone. A duration in workday units counts working time
/// of the calendar: its days are whole workdays and its hours and minutes are working hours, both
/// counted from the next working time (see <see cref="WorkdayCalendar.AddWorkingTime"/>). A deadline
/// from a form field takes the field's value, a plain date meaning the end of that day.
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
            var moved = calendar.AddWorkingTime(
                local.AddYears(duration.Years).AddMonths(duration.Months), duration.Days, duration.Time);
            return ZonedTime.ToUtc(moved, zone);
        }

        CheckUnit(unit);
        var date = ZonedTime.ToUtc(local.AddYears(duration.Years).AddMonths(duration.Months).AddDays(duration.Days), zone);
        return date + duration.Time;
    }

    /// <summary>
    /// Computes when a reminder <paramref name="before"/> a due time fires. In workday units the
    /// duration is working time counted back from the due time, so the reminder falls in working time.
    /// In calendar units it is elapsed time, a day counting 24 hours.
    /// </summary>
    /// <exception cref="InvalidOperationException"><paramref name="before"/> has years or months.</exception>
    public DateTimeOffset Subtract(DateTimeOffset dueUtc, IsoDuration before, string? unit)
    {
        ArgumentNullException.ThrowIfNull(before);
        var elapsed = before.ToTimeSpan();
        if (unit != DeadlineUnits.Workday)
        {
            CheckUnit(unit);
            return dueUtc - elapsed;
        }

        var local = ZonedTime.ToLocal(dueUtc, zone);
        return ZonedTime.ToUtc(calendar.SubtractWorkingTime(local, before.Days, before.Time), zone);
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

    private static void CheckUnit(string? unit)
    {
        if (unit is not null && unit != DeadlineUnits.Calendar && unit != DeadlineUnits.Workday)
        {
            throw new ArgumentException(
                $"Expected deadline unit \"calendar\" or \"workday\", got \"{unit}\".", nameof(unit));
        }
    }
}
