namespace WorkflowKit.Runtime.Timers;

/// <summary>The stored text of each <see cref="CalendarDayKind"/>: "holiday" or "workday".</summary>
public static class CalendarDayKinds
{
    public static string ToText(CalendarDayKind kind) => kind switch
    {
        CalendarDayKind.Holiday => "holiday",
        CalendarDayKind.Workday => "workday",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Expected Holiday or Workday."),
    };

    /// <exception cref="FormatException">The text is neither "holiday" nor "workday".</exception>
    public static CalendarDayKind Parse(string text) => text switch
    {
        "holiday" => CalendarDayKind.Holiday,
        "workday" => CalendarDayKind.Workday,
        _ => throw new FormatException($"Expected calendar day kind \"holiday\" or \"workday\", got \"{text}\"."),
    };
}
