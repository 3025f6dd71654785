namespace WorkflowKit.Runtime.Timers;

/// <summary>Units of deadline durations.</summary>
public static class DeadlineUnits
{
    public const string Calendar = "calendar";

    /// <summary>Day parts of the duration count workdays of the <see cref="WorkdayCalendar"/>.</summary>
    public const string Workday = "workday";
}
