namespace WorkflowKit.Designer.Admin;

/// <summary>Inline styles of the calendar page's day cells and legend, one colour per day state.</summary>
public static class CalendarDayStyles
{
    public static string Of(WorkdayCalendarPage.DayState state, bool selected)
    {
        var colors = state switch
        {
            WorkdayCalendarPage.DayState.Holiday => "background:#fdecea;color:#b3261e;font-weight:600",
            WorkdayCalendarPage.DayState.MakeUpWorkday => "background:#e3f2fd;color:#1f4e79;font-weight:600",
            WorkdayCalendarPage.DayState.Weekend => "background:#f0f2f5;color:#8a8f98",
            _ => "background:#fff;color:#222",
        };
        var outline = selected ? ";outline:2px solid #1f4e79" : "";
        return $"{colors};text-align:center;cursor:pointer;border-radius:4px;padding:3px 0;font-size:0.85rem{outline}";
    }
}
