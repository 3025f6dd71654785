namespace WorkflowKit.Runtime.Timers;

/// <summary>How a stored calendar date differs from the usual Monday-to-Friday week.</summary>
public enum CalendarDayKind
{
    /// <summary>A public holiday: no work, even on a weekday.</summary>
    Holiday,

    /// <summary>A make-up workday (调休): a weekend day worked in exchange for a holiday.</summary>
    Workday,
}
