namespace WorkflowKit.Runtime.Timers;

/// <summary>One stored date of the workday calendar, with the holiday's name ("国庆节") where given.</summary>
public sealed record CalendarDay(DateOnly Date, CalendarDayKind Kind, string? Name);
